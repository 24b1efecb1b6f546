# userspace/ports/lib.sh — shared by the port scripts; sourced, not run.
#
# A port script is run from the repository root as
#     bash userspace/ports/PKG.sh
# with these variables in its environment (userspace/build.mk sets them):
#     OUT    build directory (build)       DEPS  Debian downloads (.deps)
#     CROSS  cross prefix (aarch64-linux-gnu-)  JOBS  parallel make jobs
# It sources this file, calls port_begin PKG, then `step` before each long
# stage.  port_begin sends everything the script prints to build/logs/PKG.log;
# `step` lines go to the terminal.  If the script fails, the last lines of the
# log are shown and the exit status is non-zero.  Nothing here writes outside
# $OUT.

set -euo pipefail

ROOT="$(pwd)"
OUT="${OUT:-build}"
case "$OUT" in /*) ;; *) OUT="$ROOT/$OUT" ;; esac
DEPS="${DEPS:-$ROOT/.deps}"
CROSS="${CROSS:-aarch64-linux-gnu-}"
JOBS="${JOBS:-2}"
SRC="$OUT/src"
SYSROOT="$OUT/sysroot"
USERLAND="$OUT/userland"
MUSL="$SYSROOT/musl"
MUSL_CC="$MUSL/bin/musl-gcc"
# Sources are unpacked in the C locale so that builds do not depend on the
# user's locale (newlib's configure and toybox's scripts care).
export LC_ALL=C

port_failed()
{
    local rc=$?
    {
        echo "port $PORT failed (exit $rc); last lines of $PORT_LOG:"
        tail -n 40 "$PORT_LOG" | sed 's/^/    /'
    } >&3
    exit "$rc"
}

# port_begin PKG — start logging to $OUT/logs/PKG.log.
port_begin()
{
    PORT="$1"
    mkdir -p "$OUT/logs"
    PORT_LOG="$OUT/logs/$PORT.log"
    exec 3>&2 >"$PORT_LOG" 2>&1
    trap port_failed ERR
    set -o errtrace
    echo "port $PORT: started $(date -u +%FT%TZ)"
}

# step TEXT — tell the user what the long stage now starting does.
step()
{
    printf '  %-8s %s\n' "${PORT^^}" "$*" >&3
    echo "=== $* ==="
}

# unpack PKG DIR — unpack Debian source PKG from $DEPS/src into DIR (removed
# first).  With a .dsc and a Debian tarball, dpkg-source applies Debian's
# patches; with only an orig tarball (toybox) it is plainly extracted.
unpack()
{
    local pkg="$1" dir="$2" dsc orig
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    dsc="$(ls "$DEPS/src/${pkg}"_*.dsc 2>/dev/null | head -n1 || true)"
    if [ -n "$dsc" ] && ls "$DEPS/src/${pkg}"_*.debian.tar.* >/dev/null 2>&1; then
        dpkg-source --no-copy -x "$dsc" "$dir"
    else
        orig="$(ls "$DEPS/src/${pkg}"_*.orig.tar.* 2>/dev/null | head -n1 || true)"
        if [ -z "$orig" ]; then
            echo "no source for $pkg in $DEPS/src (run scripts/setup.sh)"
            false
        fi
        mkdir -p "$dir"
        tar -xf "$orig" -C "$dir" --strip-components=1
    fi
}
