#!/usr/bin/env bash
# scripts/mksdimage.sh KERNEL INITRD OUT.img — the Raspberry Pi 4 SD card
# image.
#
# MBR (fixed disk id) with one bootable FAT32 partition (type 0x0c, label
# KEELBOOT) at 4 MiB, 64 MiB long, holding what the Pi 4's boot ROM and
# firmware read:
#   start4.elf, fixup4.dat    Debian's raspi-firmware (.deps/raspi-firmware)
#   bcm2711-rpi-4-b.dtb       Debian's arm64 kernel package (.deps/linux-image-arm64)
#   config.txt, cmdline.txt   iso/rpi4/
#   kernel8.img, initrd.cpio  KERNEL and INITRD
#   VERSION, COPYING.raspi-firmware (the firmware's licence, from Debian)
# Built without root (mkfs.fat, mtools, sfdisk on a file).  Reproducible:
# dates are SOURCE_DATE_EPOCH (default: the last commit) in UTC, the volume
# id and disk id are fixed.  scripts/install-rpi4.sh writes it to a card.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 3 ] || { echo "usage: mksdimage.sh KERNEL INITRD OUT.img" >&2; exit 2; }
kernel="$1" initrd="$2" out="$3"
# shellcheck disable=SC2034  # used by install.sh's die
PROG=mksdimage
# shellcheck source=iso/install.sh
source "$ROOT/iso/install.sh"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"
export TZ=UTC LC_ALL=C
part_start_mib=4 part_mib=64

fw="$ROOT/.deps/raspi-firmware/usr/lib/raspi-firmware"
dtb="$(ls "$ROOT"/.deps/linux-image-arm64/usr/lib/linux-image-*/broadcom/bcm2711-rpi-4-b.dtb 2>/dev/null | head -n1)"
licence="$ROOT/.deps/raspi-firmware/usr/share/doc/raspi-firmware/copyright"
for f in "$fw/start4.elf" "$fw/fixup4.dat" "$dtb" "$licence"; do
    [ -f "$f" ] || die "${f:-bcm2711-rpi-4-b.dtb} missing (run scripts/setup.sh)"
done

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/card"
cp "$fw/start4.elf" "$fw/fixup4.dat" "$dtb" "$ROOT/iso/rpi4/config.txt" "$ROOT/iso/rpi4/cmdline.txt" "$stage/card/"
cp "$kernel" "$stage/card/kernel8.img"
cp "$initrd" "$stage/card/initrd.cpio"
cp "$ROOT/VERSION" "$stage/card/VERSION"
cp "$licence" "$stage/card/COPYING.raspi-firmware"
chmod 0644 "$stage"/card/*
stage_times "$stage/card" "$SOURCE_DATE_EPOCH"
fat_image "$stage/boot.img" "$part_mib" KEELBOOT 4b45454c $((part_start_mib * 2048)) "$stage/card"

rm -f "$out"
truncate -s $(((part_start_mib + part_mib) * 1024 * 1024)) "$out"
printf 'label: dos\nlabel-id: 0x4b45454c\nstart=%d, size=%d, type=c, bootable\n' \
    $((part_start_mib * 2048)) $((part_mib * 2048)) | sfdisk -q --no-reread --no-tell-kernel "$out" >/dev/null
write_at "$out" "$stage/boot.img" "$part_start_mib" file
