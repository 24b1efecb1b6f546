# vfs/build.mk — the VFS server (user space).  For now: the pure code that is
# host-tested (the initrd's cpio format, also used by build/host/mkcpio).

UNIT_CODE_SRCS += vfs/cpio.c
