# userspace/build.mk — the userland built from Debian sources, Keel's own
# user programs, and the initrd.
