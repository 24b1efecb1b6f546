#!/usr/bin/env bash
# install.sh — install Keel on a disk that arm64 UEFI machines boot (a USB
# stick, a disk, or a disk image file for QEMU).  Runs on Linux.
#
#   install.sh [--yes] [--force] [--kernel FILE] [--initrd FILE]
#              [--grub-efi FILE] [--size MIB] TARGET
#
#   TARGET        a whole block device (/dev/sdX, /dev/mmcblkN, /dev/nvmeXnY)
#                 or a disk image file (created when missing; an existing
#                 file keeps its size when it is large enough)
#   --yes         write without asking
#   --force       overwrite a target that holds a partition table or a file
#                 system, or a block device that is not removable
#   --kernel, --initrd   what to install (default: see below)
#   --grub-efi    the GRUB EFI binary to install (default: see below)
#   --size MIB    size of a disk image file (default and minimum: 66)
#
# What it writes: a GPT disk with one EFI system partition (FAT32, 64 MiB at
# 1 MiB) holding EFI/BOOT/BOOTAA64.EFI (GRUB arm64-efi, every module it needs
# built in, prefix /EFI/BOOT), EFI/BOOT/grub.cfg (the ISO's menu: Keel, and
# the self-tests that power off), boot/kernel8.img, boot/initrd.cpio and
# VERSION.  Then it reads the partition back and compares.
#
# Where things come from: run from the ISO (its root holds install.sh), the
# ISO's /boot and /boot/grub/grub.cfg; run from the source tree (iso/), the
# build outputs in build/ (or $KEEL_OUT) and iso/grub.cfg.  GRUB is made with
# grub-mkimage when arm64-efi modules are on this machine (the tree's
# .deps/grub-efi-arm64-bin, or /usr/lib/grub/arm64-efi), else the prebuilt
# one: /EFI/keel/BOOTAA64.EFI on the ISO, build/grub/BOOTAA64.EFI in the tree.
#
# Safety rules:
#   - a target that is mounted (itself or any of its partitions), used as
#     swap, held by another device (LVM, RAID, dm-crypt), or a file attached
#     to a loop device is never written, --force or not;
#   - a partition (/dev/sdb1) or anything but a whole disk, a loop device or
#     a regular file is refused;
#   - without --force, a target holding a partition table or a file-system
#     signature, and a block device that is neither removable nor on USB or
#     MMC, is refused;
#   - nothing is written before the answer "yes" typed on the terminal; when
#     stdin is not a terminal it refuses unless --yes was given.
# Needs sfdisk, mkfs.fat (dosfstools), mtools and wipefs; root only for
# block devices.  Disk image files come out the same bytes for the same
# inputs (fixed GUIDs, volume id and dates: SOURCE_DATE_EPOCH, else the last
# commit, else the kernel file's date).
#
# Sourced by another script, it only defines its functions (scripts/
# install-rpi4.sh and scripts/mksdimage.sh use them).
set -euo pipefail

ESP_START_MIB=1
ESP_MIB=64
DISK_MIB=$((ESP_START_MIB + ESP_MIB + 1))
ESP_TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
DISK_GUID=4B45454C-0000-4000-8000-4449534B0001
ESP_GUID=4B45454C-0000-4000-8000-455350000001
ESP_VOLID=4b45454c
GRUB_MODULES=(part_gpt part_msdos fat iso9660 normal linux configfile echo search
    search_fs_file search_fs_uuid search_label test true ls cat halt reboot sleep
    terminal minicmd help)

PROG="${PROG:-install.sh}"

die() {
    echo "$PROG: $*" >&2
    exit 1
}

need_tools() {
    local t missing=()
    for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
    [ "${#missing[@]}" -eq 0 ] || die "missing tools: ${missing[*]} (Debian: fdisk dosfstools mtools util-linux)"
}

# majmin PATH — "major:minor" of a block device.
majmin() { stat -Lc '%t:%T' "$1" 2>/dev/null; }

# in_use_reason DEV — why the whole disk DEV (or one of its partitions) must
# not be written; empty when it may be.
in_use_reason() {
    local dev="$1" n src ids=() nodes=() holders
    mapfile -t nodes < <(lsblk -lnpo NAME "$dev" 2>/dev/null)
    [ "${#nodes[@]}" -gt 0 ] || nodes=("$dev")
    for n in "${nodes[@]}"; do ids+=("$(majmin "$n")"); done
    # node_of SRC — the node of DEV that SRC (a path in /proc) is, if any.
    node_of() {
        local i id
        [ -b "$1" ] || return 1
        id="$(majmin "$1")"
        for i in "${!ids[@]}"; do
            if [ "$id" = "${ids[$i]}" ]; then
                echo "${nodes[$i]}"
                return 0
            fi
        done
        return 1
    }
    while read -r src _; do
        if n="$(node_of "$src")"; then
            echo "$n is mounted ($src in /proc/mounts)"
            return
        fi
    done </proc/mounts
    while read -r src _; do
        if n="$(node_of "$src")"; then
            echo "$n is in use as swap"
            return
        fi
    done < <(tail -n +2 /proc/swaps 2>/dev/null)
    for n in "${nodes[@]}"; do
        holders="/sys/class/block/$(basename "$n")/holders"
        if [ -d "$holders" ] && [ -n "$(ls -A "$holders")" ]; then
            echo "$n is held by $(find "$holders" -mindepth 1 -printf '%f ')(LVM, RAID or dm)"
            return
        fi
    done
}

# signatures PATH — partition tables and file systems found on PATH, one line.
signatures() {
    wipefs --noheadings --output TYPE "$1" 2>/dev/null | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# check_target PATH FORCE MIN_BYTES — apply the safety rules; sets
# TARGET_KIND (device|file) and TARGET_DESC (what the user is told).
check_target() {
    local t="$1" force="$2" min="$3" sig
    TARGET_KIND="" TARGET_DESC=""
    if [ -b "$t" ]; then
        local dev name type rm tran size model reason
        dev="$(readlink -f "$t")"
        name="$(basename "$dev")"
        type="$(lsblk -dno TYPE "$dev" 2>/dev/null || true)"
        case "$type" in
        disk | loop) ;;
        *) die "$t is a ${type:-device of unknown type}, not a whole disk (give e.g. /dev/sdb, not /dev/sdb1)" ;;
        esac
        reason="$(in_use_reason "$dev")"
        [ -z "$reason" ] || die "refusing to write $t: $reason; unmount or release it first"
        [ -w "$dev" ] || die "cannot write $t (run as root)"
        size="$(blockdev --getsize64 "$dev")"
        [ "$size" -ge "$min" ] || die "$t holds $size bytes, less than the $min needed"
        rm="$(cat "/sys/class/block/$name/removable" 2>/dev/null || echo 0)"
        tran="$(lsblk -dno TRAN "$dev" 2>/dev/null | tr -d ' ' || true)"
        model="$(lsblk -dno MODEL "$dev" 2>/dev/null | sed 's/ *$//' || true)"
        if [ "$rm" != 1 ] && [ "$tran" != usb ] && [ "$tran" != mmc ] && [[ "$name" != mmcblk* ]]; then
            [ "$force" = 1 ] || die "refusing to write $t: it is not a removable, USB or SD device (give --force if you mean it)"
        fi
        local parts
        parts="$(lsblk -lnpo NAME "$dev" | tail -n +2 | tr '\n' ' ')"
        if [ -n "$parts" ] && [ "$force" != 1 ]; then
            die "refusing to write $t: it holds partitions (${parts% }); give --force to overwrite them"
        fi
        sig="$(signatures "$dev")"
        if [ -n "$sig" ] && [ "$force" != 1 ]; then
            die "refusing to write $t: it holds $sig; give --force to overwrite it"
        fi
        TARGET_KIND=device
        TARGET_DESC="$t (${model:-no model name}, $((size / 1024 / 1024)) MiB${tran:+, $tran})"
    elif [ -e "$t" ] && [ ! -f "$t" ]; then
        die "$t is neither a block device nor a regular file"
    else
        [ -d "$(dirname "$t")" ] || die "no directory $(dirname "$t")"
        if [ -f "$t" ]; then
            local loops
            loops="$(losetup -n -O NAME -j "$t" 2>/dev/null | tr '\n' ' ' || true)"
            [ -z "$loops" ] || die "refusing to write $t: it is attached to ${loops% }; detach it first"
            sig="$(signatures "$t")"
            if [ -n "$sig" ] && [ "$force" != 1 ]; then
                die "refusing to write $t: it holds $sig; give --force to overwrite it"
            fi
            TARGET_DESC="the disk image file $t (exists, $(stat -c %s "$t") bytes)"
        else
            TARGET_DESC="the disk image file $t (new)"
        fi
        TARGET_KIND="file"
    fi
}

# confirm YES WHAT... — ask for "yes" on the terminal unless YES=1.
confirm() {
    local yes="$1" answer
    shift
    [ "$yes" = 1 ] && return 0
    printf '%s\n' "$@" >&2
    [ -t 0 ] || die "stdin is not a terminal and --yes was not given; nothing written"
    printf 'Type "yes" to write: ' >&2
    read -r answer || answer=""
    [ "$answer" = yes ] || die "not confirmed; nothing written"
}

# stage_times DIR EPOCH — every entry under DIR dated EPOCH, or 1980-01-01
# if earlier (FAT cannot hold older dates).
stage_times() {
    local epoch="$2"
    [ "$epoch" -ge 315532800 ] || epoch=315532800
    find "$1" -exec touch -h -d "@$epoch" {} +
}

# fat_image OUT MIB LABEL VOLID HIDDEN_SECTORS DIR — a FAT32 file system
# image holding DIR's contents (dates as in DIR, in UTC; fixed volume id).
fat_image() {
    local out="$1" mib="$2" label="$3" volid="$4" hidden="$5" dir="$6" entries=()
    rm -f "$out"
    mkfs.fat -C -F 32 -n "$label" --invariant -i "$volid" -h "$hidden" "$out" $((mib * 1024)) >/dev/null
    mapfile -t entries < <(cd "$dir" && LC_ALL=C ls -A)
    [ "${#entries[@]}" -eq 0 ] ||
        (cd "$dir" && TZ=UTC MTOOLS_SKIP_CHECK=1 mcopy -i "$out" -s -m -Q "${entries[@]}" ::/)
}

# make_grub_efi MODULE_DIR OUT — the standalone GRUB for an ESP.
make_grub_efi() {
    grub-mkimage -O arm64-efi -d "$1" -p /EFI/BOOT -o "$2" "${GRUB_MODULES[@]}"
}

# grub_module_dir SRC_ROOT — arm64-efi modules on this machine, or nothing.
grub_module_dir() {
    local d
    for d in ${1:+"$1/.deps/grub-efi-arm64-bin/usr/lib/grub/arm64-efi"} /usr/lib/grub/arm64-efi; do
        if [ -f "$d/linux.mod" ] && [ -f "$d/normal.mod" ]; then
            echo "$d"
            return
        fi
    done
}

# write_at TARGET IMAGE OFFSET_MIB KIND — write IMAGE into TARGET at OFFSET,
# then read it back and compare.
write_at() {
    local target="$1" image="$2" off="$3" kind="$4" bytes sync=() direct=()
    bytes="$(stat -c %s "$image")"
    if [ "$kind" = device ]; then sync=("conv=notrunc,fsync") direct=(iflag=direct); else sync=(conv=notrunc); fi
    dd if="$image" of="$target" bs=1M seek="$off" "${sync[@]}" status=none
    if ! cmp -s -n "$bytes" "$image" \
        <(dd if="$target" bs=1M skip="$off" count=$(((bytes + 1048575) / 1048576)) "${direct[@]}" status=none); then
        die "verification failed: what was read back from $target differs from what was written"
    fi
}

usage() {
    sed -n '2,/^set -euo/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

main() {
    local yes=0 force=0 kernel="" initrd="" grub_efi="" size_mib="" target=""
    while [ $# -gt 0 ]; do
        case "$1" in
        --yes | -y) yes=1 ;;
        --force) force=1 ;;
        --kernel) kernel="${2:?--kernel needs a file}"; shift ;;
        --initrd) initrd="${2:?--initrd needs a file}"; shift ;;
        --grub-efi) grub_efi="${2:?--grub-efi needs a file}"; shift ;;
        --size) size_mib="${2:?--size needs a number of MiB}"; shift ;;
        -h | --help) usage ;;
        -*) echo "$PROG: unknown option $1" >&2; usage ;;
        *) [ -z "$target" ] || usage; target="$1" ;;
        esac
        shift
    done
    [ -n "$target" ] || usage
    if [ -n "$size_mib" ]; then
        if ! [[ "$size_mib" =~ ^[0-9]+$ ]] || [ "$size_mib" -lt "$DISK_MIB" ]; then
            die "--size must be a number of MiB, at least $DISK_MIB"
        fi
    fi
    need_tools sfdisk mkfs.fat mcopy wipefs lsblk
    export TZ=UTC

    local here src_root="" cfg version prebuilt
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    if [ -f "$here/boot/kernel8.img" ]; then
        : "${kernel:=$here/boot/kernel8.img}" "${initrd:=$here/boot/initrd.cpio}"
        cfg="$here/boot/grub/grub.cfg" version="$here/VERSION" prebuilt="$here/EFI/keel/BOOTAA64.EFI"
    elif [ -f "$here/grub.cfg" ] && [ -f "$here/../Makefile" ]; then
        src_root="$(cd "$here/.." && pwd)"
        local out="${KEEL_OUT:-$src_root/build}"
        : "${kernel:=$out/kernel8.img}" "${initrd:=$out/initrd.cpio}"
        cfg="$here/grub.cfg" version="$src_root/VERSION" prebuilt="$out/grub/BOOTAA64.EFI"
    else
        die "cannot tell where Keel's files are: run me from the ISO or the source tree"
    fi
    local f
    for f in "$kernel" "$initrd" "$cfg" "$version"; do
        [ -f "$f" ] || die "$f is missing${src_root:+ (make kernel initrd)}"
    done

    local epoch="${SOURCE_DATE_EPOCH:-}"
    if [ -z "$epoch" ] && [ -n "$src_root" ]; then epoch="$(git -C "$src_root" log -1 --format=%ct 2>/dev/null || true)"; fi
    [ -n "$epoch" ] || epoch="$(stat -c %Y "$kernel")"

    check_target "$target" "$force" $((DISK_MIB * 1024 * 1024))

    WORK_DIR="$(mktemp -d)"
    trap 'rm -rf "$WORK_DIR"' EXIT
    local tmp="$WORK_DIR"
    local grub_from moddir
    mkdir -p "$tmp/esp/EFI/BOOT" "$tmp/esp/boot"
    if [ -n "$grub_efi" ]; then
        cp "$grub_efi" "$tmp/esp/EFI/BOOT/BOOTAA64.EFI"
        grub_from="from $grub_efi"
    elif moddir="$(grub_module_dir "$src_root")" && [ -n "$moddir" ] && command -v grub-mkimage >/dev/null; then
        make_grub_efi "$moddir" "$tmp/esp/EFI/BOOT/BOOTAA64.EFI"
        grub_from="built with grub-mkimage from $moddir"
    elif [ -f "$prebuilt" ]; then
        cp "$prebuilt" "$tmp/esp/EFI/BOOT/BOOTAA64.EFI"
        grub_from="prebuilt $prebuilt"
    else
        die "no GRUB: no arm64-efi modules with grub-mkimage here and no $prebuilt"
    fi
    cp "$cfg" "$tmp/esp/EFI/BOOT/grub.cfg"
    cp "$kernel" "$tmp/esp/boot/kernel8.img"
    cp "$initrd" "$tmp/esp/boot/initrd.cpio"
    cp "$version" "$tmp/esp/VERSION"
    stage_times "$tmp/esp" "$epoch"
    fat_image "$tmp/esp.img" "$ESP_MIB" KEEL-ESP "$ESP_VOLID" $((ESP_START_MIB * 2048)) "$tmp/esp"

    confirm "$yes" \
        "$PROG: about to install Keel $(cat "$version") on $TARGET_DESC:" \
        "  GPT, EFI system partition of $ESP_MIB MiB: GRUB ($grub_from)," \
        "  $kernel, $initrd." \
        "  Everything on $target will be lost."

    local layout part
    layout="label: gpt"$'\n'
    part="start=$((ESP_START_MIB * 2048)), size=$((ESP_MIB * 2048)), type=$ESP_TYPE, name=\"Keel EFI system\""
    if [ "$TARGET_KIND" = file ]; then
        layout+="label-id: $DISK_GUID"$'\n'
        part+=", uuid=$ESP_GUID"
    fi
    layout+="$part"$'\n'
    if [ "$TARGET_KIND" = file ]; then
        local want=$(((${size_mib:-$DISK_MIB}) * 1024 * 1024))
        if [ -n "$size_mib" ] || [ ! -f "$target" ] || [ "$(stat -c %s "$target")" -lt "$want" ]; then
            rm -f "$target"
            truncate -s "$want" "$target"
        fi
        sfdisk -q --no-reread --no-tell-kernel --wipe always "$target" <<<"$layout" >/dev/null
    else
        sfdisk -q --wipe always --wipe-partitions always "$target" <<<"$layout" >/dev/null
    fi
    write_at "$target" "$tmp/esp.img" "$ESP_START_MIB" "$TARGET_KIND"
    if [ "$TARGET_KIND" = device ]; then
        sync
        blockdev --rereadpt "$target" 2>/dev/null || true
    fi
    echo "$PROG: Keel $(cat "$version") installed on $target (GPT, EFI system partition verified; GRUB $grub_from)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
