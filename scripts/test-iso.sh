#!/usr/bin/env bash
# scripts/test-iso.sh ISO [--kernel FILE] [--initrd FILE] — check a Keel ISO
# without booting it.
#
# Reads the ISO with xorriso (no mount, no root) and checks: the file list;
# the El Torito UEFI boot image and the hybrid GPT's EFI partition; the GRUB
# configuration (syntax, a normal entry, the ktest entry second as the boot
# tests expect, the console terminals, the files it names); the kernel's
# arm64 Image header and PE/COFF header; the GRUB EFI binaries' PE headers;
# the initrd (a readable newc cpio holding /sbin/init and /bin/sh); VERSION
# and install.sh against the source tree.  With --kernel/--initrd, the ISO's
# copies must be the same bytes.  Prints "ok"/"FAIL" a check and ends with
# "N passed, N failed"; exits 1 if any check failed.  Writes only to a
# temporary directory.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

iso="" kernel="" initrd=""
while [ $# -gt 0 ]; do
    case "$1" in
    --kernel) kernel="$2"; shift ;;
    --initrd) initrd="$2"; shift ;;
    -*) echo "usage: test-iso.sh ISO [--kernel FILE] [--initrd FILE]" >&2; exit 2 ;;
    *) iso="$1" ;;
    esac
    shift
done
[ -f "$iso" ] || { echo "usage: test-iso.sh ISO [--kernel FILE] [--initrd FILE]" >&2; exit 2; }

passed=0 failed=0
check() {
    local what="$1"
    shift
    if "$@" >/dev/null 2>&1; then
        echo "ok   $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what"
        failed=$((failed + 1))
    fi
}

# le16/le32 FILE OFFSET — a little-endian integer read from FILE.
le16() { od -An -tu2 -j "$2" -N2 --endian=little "$1" | tr -d ' '; }
le32() { od -An -tu4 -j "$2" -N4 --endian=little "$1" | tr -d ' '; }
bytes_at() { dd if="$1" bs=1 skip="$2" count="$3" status=none; }

# pe_ok FILE — a PE32+ EFI application for arm64 whose sections lie in the file.
pe_ok() {
    local f="$1" pe opt nsec optsize size i sec end
    [ "$(bytes_at "$f" 0 2)" = MZ ] || return 1
    pe="$(le32 "$f" 60)"
    [ "$(bytes_at "$f" "$pe" 4 | od -An -tx1 | tr -d ' ')" = 50450000 ] || return 1
    [ "$(le16 "$f" $((pe + 4)))" = $((0xaa64)) ] || return 1
    nsec="$(le16 "$f" $((pe + 6)))"
    optsize="$(le16 "$f" $((pe + 20)))"
    opt=$((pe + 24))
    [ "$nsec" -ge 1 ] && [ "$(le16 "$f" "$opt")" = $((0x20b)) ] || return 1
    [ "$(le16 "$f" $((opt + 68)))" = 10 ] || return 1
    local entry image
    entry="$(le32 "$f" $((opt + 16)))"
    image="$(le32 "$f" $((opt + 56)))"
    [ "$entry" -gt 0 ] && [ "$entry" -lt "$image" ] || return 1
    size="$(stat -c %s "$f")"
    for ((i = 0; i < nsec; i++)); do
        sec=$((opt + optsize + 40 * i))
        end=$(($(le32 "$f" $((sec + 20))) + $(le32 "$f" $((sec + 16)))))
        [ "$end" -le "$size" ] || return 1
    done
}

# arm64_image_ok FILE — the Linux arm64 Image header (booti, -kernel, the Pi firmware).
arm64_image_ok() {
    local f="$1"
    [ "$(bytes_at "$f" 56 4 | od -An -tx1 | tr -d ' ')" = 41524d64 ] || return 1
    [ "$(le32 "$f" 16)" -gt 0 ] || return 1
    [ "$(le32 "$f" 16)" -ge "$(stat -c %s "$f")" ]
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
x="$tmp/iso"
check "xorriso reads the ISO" xorriso -osirrox on -indev "$iso" -extract / "$x"
for f in VERSION install.sh boot/kernel8.img boot/initrd.cpio boot/grub/grub.cfg \
    EFI/keel/BOOTAA64.EFI efi.img boot/grub/arm64-efi/linux.mod boot/grub/arm64-efi/normal.mod \
    boot/grub/arm64-efi/part_gpt.mod boot/grub/arm64-efi/fat.mod; do
    check "file /$f" test -f "$x/$f"
done
check "install.sh is executable" test -x "$x/install.sh"
check "install.sh is iso/install.sh" cmp "$x/install.sh" "$ROOT/iso/install.sh"
check "install.sh parses" bash -n "$x/install.sh"
check "VERSION is the tree's" cmp "$x/VERSION" "$ROOT/VERSION"

xorriso -indev "$iso" -report_el_torito plain >"$tmp/eltorito" 2>/dev/null || true
check "El Torito UEFI boot image /efi.img" grep -Eq 'El Torito boot img : +1 +UEFI +y' "$tmp/eltorito"
check "hybrid GPT with an EFI system partition" \
    bash -c "sfdisk -d '$iso' | grep -qi 'type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B'"
check "efi.img holds EFI/BOOT/BOOTAA64.EFI" \
    env MTOOLS_SKIP_CHECK=1 mcopy -n -i "$x/efi.img" ::EFI/BOOT/BOOTAA64.EFI "$tmp/mkrescue.efi"
check "efi.img's GRUB is an arm64 EFI application" pe_ok "$tmp/mkrescue.efi"
check "/EFI/keel/BOOTAA64.EFI is an arm64 EFI application" pe_ok "$x/EFI/keel/BOOTAA64.EFI"

cfg="$x/boot/grub/grub.cfg"
first="$(awk '/^menuentry /{n++} n==1' "$cfg")"
second="$(awk '/^menuentry /{n++} n==2' "$cfg")"
two_entries() { [ "$(grep -c '^menuentry ' "$cfg")" = 2 ]; }
normal_entry() {
    grep -Eq '^[[:space:]]*linux /boot/kernel8.img[[:space:]]*$' <<<"$first" &&
        grep -Eq '^[[:space:]]*initrd /boot/initrd.cpio' <<<"$first"
}
ktest_entry() {
    grep -q '^menuentry "Keel self-tests' <<<"$second" &&
        grep -Eq '^[[:space:]]*linux /boot/kernel8.img .*ktest.*panic=poweroff' <<<"$second" &&
        grep -Eq '^[[:space:]]*initrd /boot/initrd.cpio' <<<"$second"
}
default_timeout() { grep -qx 'set default=0' "$cfg" && grep -Eqx 'set timeout=[1-9][0-9]*' "$cfg"; }
terminals() { grep -qx 'terminal_input console' "$cfg" && grep -qx 'terminal_output console' "$cfg"; }
check "grub.cfg is iso/grub.cfg" cmp "$cfg" "$ROOT/iso/grub.cfg"
check "grub.cfg parses (grub-script-check)" grub-script-check "$cfg"
check "grub.cfg has two menu entries" two_entries
check "entry 1 boots kernel8.img with the initrd" normal_entry
check "entry 2 runs ktest and powers off" ktest_entry
check "default entry 0, a timeout" default_timeout
check "console terminals (the serial line on QEMU and servers)" terminals
missing=""
for p in $(awk '$1 == "linux" || $1 == "initrd" { print $2 }' "$cfg" | sort -u); do
    [ -f "$x$p" ] || missing+=" $p"
done
check "every file grub.cfg names is on the ISO" test -z "$missing"

k="$x/boot/kernel8.img"
check "kernel: arm64 Image header (magic, image size)" arm64_image_ok "$k"
check "kernel: PE/COFF EFI application (EFI stub)" pe_ok "$k"
[ -z "$kernel" ] || check "kernel is $kernel" cmp "$k" "$kernel"

i="$x/boot/initrd.cpio"
check "initrd: newc cpio" test "$(bytes_at "$i" 0 6)" = 070701
cpio -it --quiet <"$i" >"$tmp/initrd.list" 2>/dev/null || true
init_and_sh() { grep -qx 'sbin/init' "$tmp/initrd.list" && grep -qx 'bin/sh' "$tmp/initrd.list"; }
check "initrd: cpio lists it" cpio -it --quiet -F "$i"
check "initrd: holds /sbin/init and /bin/sh" init_and_sh
[ -z "$initrd" ] || check "initrd is $initrd" cmp "$i" "$initrd"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
