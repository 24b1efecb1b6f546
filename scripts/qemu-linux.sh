#!/usr/bin/env bash
# scripts/qemu-linux.sh [QEMU-ARG...] — boot Debian's arm64 Linux (unpacked
# by scripts/setup.sh into .deps/linux-image-arm64) on QEMU's virt machine
# with Keel's initrd (build/initrd.cpio), so that the same userland and the
# same test scripts run on a reference kernel.  /sbin/init is Keel's own.
# The serial console is stdio; `poweroff` in the shell ends QEMU, and so
# does a reboot (-no-reboot).  No network card (-nic none: the default
# one needs an option ROM Debian ships in ipxe-qemu, and nothing uses it).  Extra arguments go to QEMU after the
# defaults.
# Environment: KEEL_INITRD (default build/initrd.cpio), KEEL_LINUX (the
# kernel image), QEMU (default qemu-system-aarch64), LINUX_APPEND (more
# kernel command-line words).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
initrd="${KEEL_INITRD:-$root/build/initrd.cpio}"
kernel="${KEEL_LINUX:-}"
if [ -z "$kernel" ]; then
    kernel="$(ls "$root"/.deps/linux-image-arm64/boot/vmlinuz-* 2>/dev/null | sort -V | tail -n1 || true)"
fi
if [ -z "$kernel" ] || [ ! -f "$kernel" ]; then
    echo "qemu-linux: no Linux kernel in .deps/linux-image-arm64/boot (run scripts/setup.sh)" >&2
    exit 1
fi
if [ ! -f "$initrd" ]; then
    echo "qemu-linux: $initrd is missing (make initrd)" >&2
    exit 1
fi

exec "${QEMU:-qemu-system-aarch64}" -M virt -cpu cortex-a72 -m 1G -nographic \
    -no-reboot -nic none \
    -kernel "$kernel" -initrd "$initrd" \
    -append "console=ttyAMA0 rdinit=/sbin/init quiet ${LINUX_APPEND:-}" \
    "$@"
