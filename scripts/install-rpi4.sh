#!/usr/bin/env bash
# scripts/install-rpi4.sh — write Keel's Raspberry Pi 4 SD image
# (build/keel-rpi4.img, `make sdimage`) to an SD card or to an image file,
# then read it back and compare.
#
#   scripts/install-rpi4.sh [--yes] [--force] [--image IMG] DEVICE|FILE
#
#   DEVICE        the whole card (/dev/mmcblk0, /dev/sdX), not a partition
#   FILE          an image file (created when missing; an existing file that
#                 is larger keeps its size, like a card)
#   --image IMG   the image to write (default: build/keel-rpi4.img, or
#                 $KEEL_OUT/keel-rpi4.img)
#   --yes         write without asking
#   --force       overwrite a target that holds a partition table or a file
#                 system, or a block device that is not removable
#
# Safety rules (the same as iso/install.sh, whose checks this uses):
#   - a target that is mounted (itself or any of its partitions), used as
#     swap, held by another device, or a file attached to a loop device is
#     never written, --force or not; nor a partition;
#   - without --force, a target holding a partition table or a file system,
#     and a block device that is neither removable nor on USB or MMC, is
#     refused;
#   - nothing is written before "yes" is typed on the terminal; when stdin
#     is not a terminal it refuses unless --yes was given.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROG=install-rpi4.sh
# shellcheck source=iso/install.sh
source "$ROOT/iso/install.sh"

usage() {
    sed -n '2,/^set -euo/s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

yes=0 force=0 image="${KEEL_OUT:-$ROOT/build}/keel-rpi4.img" target=""
while [ $# -gt 0 ]; do
    case "$1" in
    --yes | -y) yes=1 ;;
    --force) force=1 ;;
    --image) image="${2:?--image needs a file}"; shift ;;
    -h | --help) usage ;;
    -*) echo "$PROG: unknown option $1" >&2; usage ;;
    *) [ -z "$target" ] || usage; target="$1" ;;
    esac
    shift
done
[ -n "$target" ] || usage
[ -f "$image" ] || die "$image is missing (make sdimage)"
need_tools wipefs lsblk cmp
[ "$(readlink -f "$image")" != "$(readlink -f "$target")" ] || die "the image and the target are the same file"

bytes="$(stat -c %s "$image")"
check_target "$target" "$force" "$bytes"
confirm "$yes" \
    "$PROG: about to write $image ($((bytes / 1024 / 1024)) MiB: MBR, FAT32 boot partition) to $TARGET_DESC." \
    "  Everything on $target will be lost."

if [ "$TARGET_KIND" = file ] && [ -f "$target" ] && [ "$(stat -c %s "$target")" -gt "$bytes" ]; then
    wipefs -q -a "$target" >/dev/null 2>&1 || true
elif [ "$TARGET_KIND" = file ]; then
    rm -f "$target"
fi
if [ "$TARGET_KIND" = device ]; then
    wipefs -q -a "$target" >/dev/null
fi
write_at "$target" "$image" 0 "$TARGET_KIND"
if [ "$TARGET_KIND" = device ]; then
    sync
    blockdev --rereadpt "$target" 2>/dev/null || true
fi
echo "$PROG: wrote $image to $target and verified it ($bytes bytes read back and compared)"
