#!/usr/bin/env bash
# scripts/mkuboot-disk.sh KERNEL INITRD OUT.img — a disk image that U-Boot's
# distro boot starts with booti through /extlinux/extlinux.conf.
#
# MBR, one bootable FAT32 partition at 1 MiB holding kernel8.img,
# initrd.cpio and extlinux/extlinux.conf (iso/extlinux.conf).  Built
# without root (mtools, sfdisk on a file); dates (in UTC) and the volume id
# are fixed so the image is reproducible.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
kernel="$1" initrd="$2" out="$3"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"
export TZ=UTC
part_mib=64

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/extlinux"
cp "$kernel" "$stage/kernel8.img"
cp "$initrd" "$stage/initrd.cpio"
cp "$ROOT/iso/extlinux.conf" "$stage/extlinux/extlinux.conf"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

part="$stage.part"
rm -f "$part"
mkfs.fat -C -F 32 -n KEELBOOT -i 4b45454c --invariant "$part" $((part_mib * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mcopy -i "$part" -s -m "$stage/kernel8.img" "$stage/initrd.cpio" "$stage/extlinux" ::/

rm -f "$out"
truncate -s $(((part_mib + 1) * 1024 * 1024)) "$out"
printf 'label: dos\nlabel-id: 0x4b45454c\nstart=2048, type=c, bootable\n' | sfdisk -q "$out"
dd if="$part" of="$out" bs=1M seek=1 conv=notrunc status=none
rm -f "$part"
