#!/usr/bin/env bash
# userspace/ports/dash.sh — dash 0.5.12 (Debian source with Debian's
# patches) built static against musl → build/userland/dash (/bin/sh).
# Configured as Debian configures it (no fnmatch/glob from libc, no LINENO).
# Debian's patches touch configure.ac and Makefile.am, so autoreconf runs
# first.
source "$(dirname "$0")/lib.sh"
port_begin dash

src="$SRC/dash"
step "unpack"
unpack dash "$src"
cd "$src"

step "autoreconf + configure"
autoreconf -fi
./configure --host="${CROSS%-}" --build="$(gcc -dumpmachine)" \
    --enable-static --disable-fnmatch --disable-lineno --disable-glob \
    CC="$MUSL_CC" CC_FOR_BUILD=gcc CFLAGS="-O2" LDFLAGS="-static"

step "build"
make -j"$JOBS"
"${CROSS}strip" -o src/dash.stripped src/dash
"${CROSS}readelf" -l src/dash.stripped >src/dash.readelf
! grep -q INTERP src/dash.readelf

mkdir -p "$USERLAND"
install -m 0755 src/dash.stripped "$USERLAND/dash"
echo "port dash: done"
