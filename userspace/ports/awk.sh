#!/usr/bin/env bash
# userspace/ports/awk.sh — the one true awk (Debian's original-awk
# 2022-09-12, with Debian's patches) built static against musl →
# build/userland/awk (/usr/bin/awk).  Its grammar goes through bison; the
# table generator `maketab` runs on the host.
source "$(dirname "$0")/lib.sh"
port_begin awk

src="$SRC/awk"
step "unpack"
unpack original-awk "$src"
cd "$src"

step "build"
make -j"$JOBS" a.out CC="$MUSL_CC" HOSTCC=gcc CFLAGS="-O2" CPPFLAGS= \
    ALLOC="-static" YACC="bison -d"
"${CROSS}strip" -o awk.stripped a.out
"${CROSS}readelf" -l awk.stripped >awk.readelf
! grep -q INTERP awk.readelf

mkdir -p "$USERLAND"
install -m 0755 awk.stripped "$USERLAND/awk"
echo "port awk: done"
