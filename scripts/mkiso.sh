#!/usr/bin/env bash
# scripts/mkiso.sh KERNEL INITRD GRUB_EFI OUT.iso — a hybrid GRUB arm64-efi ISO.
#
# Uses Debian's arm64-efi GRUB modules unpacked by scripts/setup.sh into
# .deps/grub-efi-arm64-bin and the host's grub-mkrescue (grub-common) with
# xorriso and mtools.  The ISO holds /boot/kernel8.img, /boot/initrd.cpio,
# /boot/grub/grub.cfg (iso/grub.cfg), /VERSION, /install.sh (iso/install.sh)
# and /EFI/keel/BOOTAA64.EFI (GRUB_EFI: the standalone GRUB install.sh puts
# on a disk when the machine it runs on has no arm64-efi modules).  The ISO
# boots from a CD drive and, written to a USB stick, as a disk.
#
# Reproducible: file dates, the volume dates and the ISO's UUID (which
# grub-mkrescue takes from the clock and also embeds in its EFI image, to
# find the ISO) come from SOURCE_DATE_EPOCH (default: the last commit);
# grub-mkrescue runs under faketime frozen at that time, in UTC, so its FAT
# image (efi.img) is also the same bytes every time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 4 ] || { echo "usage: mkiso.sh KERNEL INITRD GRUB_EFI OUT.iso" >&2; exit 2; }
kernel="$1" initrd="$2" grub_efi="$3" out="$4"
grub_dir="$ROOT/.deps/grub-efi-arm64-bin/usr/lib/grub/arm64-efi"
[ -d "$grub_dir" ] || { echo "mkiso: $grub_dir missing (run scripts/setup.sh)" >&2; exit 1; }
command -v faketime >/dev/null || { echo "mkiso: faketime missing (run scripts/setup.sh)" >&2; exit 1; }
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"
export TZ=UTC LC_ALL=C

stage="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$stage" "$log"' EXIT
mkdir -p "$stage/boot/grub" "$stage/EFI/keel"
cp "$kernel" "$stage/boot/kernel8.img"
cp "$initrd" "$stage/boot/initrd.cpio"
cp "$ROOT/iso/grub.cfg" "$stage/boot/grub/grub.cfg"
cp "$grub_efi" "$stage/EFI/keel/BOOTAA64.EFI"
cat "$ROOT/VERSION" >"$stage/VERSION"
cp "$ROOT/iso/install.sh" "$stage/install.sh"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/install.sh"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

frozen="$(date -u -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M:%S')"
if ! faketime -f "$frozen" grub-mkrescue -d "$grub_dir" -o "$out" "$stage" \
    -- -volid KEEL -volume_date all_file_dates "=$SOURCE_DATE_EPOCH" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
