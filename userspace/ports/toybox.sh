#!/usr/bin/env bash
# userspace/ports/toybox.sh — toybox 0.8.9 (Debian's orig tarball; its
# Debian diff is not in the archive) built static against musl:
#   build/userland/toybox           the multicall binary
#   build/userland/toybox.commands  its commands, one a line
# Configuration: `make defconfig`, plus tr, expr, diff and sh from
# toys/pending (sh is installed as toysh; /bin/sh is dash).
# The command list is what `toybox` with no argument prints; it is produced
# by toybox's own host helper (scripts/install.c, compiled from the same
# generated/newtoys.h) because the aarch64 binary cannot run on the host.
source "$(dirname "$0")/lib.sh"
port_begin toybox

src="$SRC/toybox"
step "unpack"
unpack toybox "$src"
cd "$src"

step "configure (defconfig + tr expr diff sh)"
make defconfig HOSTCC=gcc
extra=(TR EXPR DIFF SH)
for c in "${extra[@]}"; do
    sed -i -e "/^# CONFIG_$c is not set\$/d" -e "/^CONFIG_$c=/d" .config
    echo "CONFIG_$c=y" >>.config
done
# Let kconfig settle new dependent options to their defaults.
{ yes '' || true; } | make oldconfig HOSTCC=gcc >/dev/null
for c in "${extra[@]}"; do grep -qx "CONFIG_$c=y" .config; done

step "build (static, musl)"
make -j"$JOBS" toybox HOSTCC=gcc CROSS_COMPILE= CC="$MUSL_CC" \
    CFLAGS="-O2" LDFLAGS="--static" STRIP="${CROSS}strip"

gcc -I . scripts/install.c -o generated/instlist
generated/instlist >generated/commands.txt
for c in tr expr diff sh toysh cat sed grep; do grep -qx -- "$c" generated/commands.txt; done
"${CROSS}readelf" -l toybox >generated/toybox.readelf
! grep -q INTERP generated/toybox.readelf

mkdir -p "$USERLAND"
install -m 0755 toybox "$USERLAND/toybox"
install -m 0644 generated/commands.txt "$USERLAND/toybox.commands"
echo "port toybox: done, $(wc -l <"$USERLAND/toybox.commands") commands"
