#!/usr/bin/env bash
# scripts/mkiso.sh KERNEL INITRD OUT.iso — a hybrid GRUB arm64-efi ISO.
#
# Uses Debian's arm64-efi GRUB modules unpacked by scripts/setup.sh into
# .deps/grub-efi-arm64-bin and the host's grub-mkrescue (grub-common) with
# xorriso and mtools.  The ISO holds /boot/kernel8.img, /boot/initrd.cpio,
# /boot/grub/grub.cfg (iso/grub.cfg), /VERSION and /install.sh.  Dates come
# from SOURCE_DATE_EPOCH (default: the last commit) so builds are
# reproducible.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
kernel="$1" initrd="$2" out="$3"
grub_dir="$ROOT/.deps/grub-efi-arm64-bin/usr/lib/grub/arm64-efi"
[ -d "$grub_dir" ] || { echo "mkiso: $grub_dir missing (run scripts/setup.sh)" >&2; exit 1; }
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/kernel8.img"
cp "$initrd" "$stage/boot/initrd.cpio"
cp "$ROOT/iso/grub.cfg" "$stage/boot/grub/grub.cfg"
cat "$ROOT/VERSION" >"$stage/VERSION"
if [ -f "$ROOT/iso/install.sh" ]; then install -m 0755 "$ROOT/iso/install.sh" "$stage/install.sh"; fi
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

log="$(mktemp)"
if ! grub-mkrescue -d "$grub_dir" -o "$out" "$stage" \
    -- -volume_date all_file_dates "=$SOURCE_DATE_EPOCH" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
