#!/usr/bin/env bash
# scripts/setup.sh — install every build and test dependency of Keel from
# Debian's packages.  Idempotent: safe to re-run, silent when nothing is
# missing.  Works as root or through sudo.
#
# What it does, in order:
#   1. derives extra apt sources (arm64 architecture, bookworm-backports,
#      non-free-firmware, deb-src) from the machine's own Debian sources file;
#      no mirror host name is ever written by this script's author;
#   2. installs host packages (cross GCC, QEMU >= 9 from backports, ...);
#   3. downloads and unpacks arm64-only packages (GRUB arm64-efi modules,
#      Debian's arm64 Linux kernel, the Raspberry Pi firmware) into .deps/;
#   4. fetches Debian source packages for the userland into .deps/src/.
#
# Environment: KEEL_DEPS (default: <repo>/.deps), SETUP_VERBOSE=1 for detail.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="${KEEL_DEPS:-$ROOT/.deps}"
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
log() { echo "setup: $*"; }
quiet() { if [ -n "${SETUP_VERBOSE:-}" ]; then "$@"; else "$@" >/tmp/keel-setup.log 2>&1 || { cat /tmp/keel-setup.log >&2; return 1; }; fi; }

HOST_PACKAGES=(
    make gcc clang lld llvm python3 python3-pexpect
    gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross
    qemu-efi-aarch64 xorriso mtools dosfstools fdisk cpio xz-utils
    bison flex autoconf automake libtool texinfo dpkg-dev
    grub-common device-tree-compiler gdb-multiarch u-boot-qemu
    clang-format clang-tidy cppcheck bear libclang-rt-14-dev faketime
)
BACKPORTS_PACKAGES=(qemu-system-arm)
# arm64 packages unpacked (never installed) into $DEPS/<name>/
ARM64_PACKAGES=(grub-efi-arm64-bin linux-image-arm64 raspi-firmware)
# source packages for the userland, unpacked into $DEPS/src/
SOURCE_PACKAGES=(musl toybox dash original-awk newlib)

# --- 1. apt sources ---------------------------------------------------------
sources_file=/etc/apt/sources.list.d/keel.sources
first_uri() {
    # The first Debian archive URI of this machine (not the security one).
    local f
    for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        [ "$f" = "$sources_file" ] && continue
        awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f" && return 0
    done
    if [ -f /etc/apt/sources.list ]; then
        awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' /etc/apt/sources.list
    fi
}
keyring_line() {
    local f=/etc/apt/sources.list.d/debian.sources
    if [ -f "$f" ] && grep -q '^Signed-By:' "$f"; then grep -m1 '^Signed-By:' "$f"; fi
}

need_update=""
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    log "adding the arm64 architecture"
    $SUDO dpkg --add-architecture arm64
    need_update=1
fi
if [ ! -f "$sources_file" ]; then
    uri="$(first_uri | head -n1)"
    if [ -z "$uri" ]; then
        echo "setup: cannot find this machine's Debian archive in /etc/apt" >&2
        exit 1
    fi
    log "adding apt sources (backports, non-free-firmware, deb-src) from this machine's archive"
    keyring="$(keyring_line)"
    tmp="$(mktemp)"
    {
        echo "# Written by Keel's scripts/setup.sh from this machine's own sources."
        echo "Types: deb deb-src"
        echo "URIs: $uri"
        echo "Suites: bookworm-backports"
        echo "Components: main non-free-firmware"
        [ -n "$keyring" ] && echo "$keyring"
        echo
        echo "Types: deb"
        echo "URIs: $uri"
        echo "Suites: bookworm"
        echo "Components: non-free-firmware"
        [ -n "$keyring" ] && echo "$keyring"
        echo
        echo "Types: deb-src"
        echo "URIs: $uri"
        echo "Suites: bookworm bookworm-updates"
        echo "Components: main"
        [ -n "$keyring" ] && echo "$keyring"
    } >"$tmp"
    $SUDO install -m 0644 "$tmp" "$sources_file"
    rm -f "$tmp"
    need_update=1
fi
stamp=/var/lib/apt/lists/.keel-updated
if [ -n "$need_update" ] || [ ! -e "$stamp" ] || ! apt-cache show qemu-system-arm >/dev/null 2>&1; then
    log "apt-get update"
    quiet $SUDO apt-get update
    $SUDO touch "$stamp"
fi

# --- 2. host packages -------------------------------------------------------
missing=()
for p in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    quiet $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
qemu_major() { qemu-system-aarch64 --version 2>/dev/null | awk 'NR==1 { split($4, v, "."); print v[1] }'; }
if [ "$(qemu_major || true)" = "" ] || [ "$(qemu_major)" -lt 9 ]; then
    log "installing QEMU from bookworm-backports (for -M raspi4b)"
    quiet $SUDO apt-get install -y --no-install-recommends -t bookworm-backports "${BACKPORTS_PACKAGES[@]}"
fi

# --- 3. arm64 packages, unpacked --------------------------------------------
mkdir -p "$DEPS/debs"
real_package() {
    # Resolve a metapackage (linux-image-arm64) to the package it depends on.
    local p="$1"
    if [ "$p" = linux-image-arm64 ]; then
        apt-cache depends "linux-image-arm64:arm64" 2>/dev/null |
            awk '/Depends: linux-image-[0-9]/ { sub(":arm64", "", $2); print $2; exit }'
    else
        echo "$p"
    fi
}
for p in "${ARM64_PACKAGES[@]}"; do
    [ -f "$DEPS/$p/.unpacked" ] && continue
    real="$(real_package "$p")"
    log "downloading and unpacking $real (arm64)"
    rm -rf "$DEPS/$p"
    mkdir -p "$DEPS/$p"
    arch=arm64
    # raspi-firmware is Architecture: all on some releases
    if [ "$(apt-cache show "$real:arm64" 2>/dev/null | awk '/^Architecture:/ { print $2; exit }')" = "all" ] ||
        ! apt-cache show "$real:arm64" >/dev/null 2>&1; then arch=""; fi
    (cd "$DEPS/debs" && quiet apt-get download "$real${arch:+:$arch}")
    deb="$(ls -t "$DEPS/debs/${real}"_*.deb | head -n1)"
    dpkg-deb -x "$deb" "$DEPS/$p"
    touch "$DEPS/$p/.unpacked"
done

# --- 4. userland source packages --------------------------------------------
mkdir -p "$DEPS/src"
for p in "${SOURCE_PACKAGES[@]}"; do
    [ -f "$DEPS/src/.$p.fetched" ] && continue
    log "fetching Debian source package $p"
    # The Debian diff of some packages (toybox) is missing from the archive;
    # the orig tarball is all the build needs, so accept it when it arrived.
    if ! (cd "$DEPS/src" && quiet apt-get source --download-only "$p"); then
        if ! ls "$DEPS/src/${p}_"*.orig.tar.* >/dev/null 2>&1; then
            echo "setup: could not fetch the source of $p" >&2
            exit 1
        fi
        log "($p: Debian diff unavailable, using the orig tarball)"
    fi
    touch "$DEPS/src/.$p.fetched"
done

if [ -n "${SUDO_USER:-}" ]; then chown -R "$SUDO_USER": "$DEPS"; fi
exit 0
