#!/usr/bin/env bash
# userspace/ports/musl.sh — musl 1.2.3 (Debian source) for aarch64, static
# only, installed as a sysroot in build/sysroot/musl:
#   include/            musl's headers plus the kernel UAPI headers
#                       (linux/, asm/, asm-generic/, mtd/) from Debian's
#                       linux-libc-dev-arm64-cross
#   lib/                crt1.o rcrt1.o Scrt1.o crti.o crtn.o libc.a ...
#   lib/musl-gcc.specs  GCC specs that put musl in place of glibc
#   bin/musl-gcc        the compiler: the cross GCC with those specs
# `musl-gcc -o x x.c` links statically unless -shared or -static-pie is
# given.  libgcc and libgcc_eh come from the cross GCC (long double is IEEE
# quad on aarch64 and needs libgcc's soft-float routines).
source "$(dirname "$0")/lib.sh"
port_begin musl

src="$SRC/musl"
step "unpack"
unpack musl "$src"

step "configure"
cd "$src"
./configure --target="${CROSS%-}" --prefix=/ --syslibdir=/lib \
    --disable-shared --disable-wrapper \
    CROSS_COMPILE="$CROSS" CC="${CROSS}gcc" CFLAGS="-O2 -g0"

step "build (make -j$JOBS)"
make -j"$JOBS"

step "install to ${MUSL#"$ROOT"/}"
rm -rf "$MUSL"
make install DESTDIR="$MUSL"
for d in linux asm asm-generic mtd; do
    cp -a "/usr/${CROSS%-}/include/$d" "$MUSL/include/"
done

# The specs find musl through $KEEL_MUSL (set by the wrapper), so the sysroot
# can move.  Everything glibc-specific of the cross GCC is replaced: header
# search (-nostdinc, musl's include/ then GCC's own include/), start files,
# the library search path (musl's lib/ then GCC's own directory, never
# /usr/aarch64-linux-gnu/lib) and the dynamic linker's name.
m='%:getenv(KEEL_MUSL'
cat >"$MUSL/lib/musl-gcc.specs" <<EOF
%rename cpp_options keel_old_cpp_options
%rename cc1 keel_old_cc1

*cpp_options:
-nostdinc -isystem $m /include) -isystem include%s %(keel_old_cpp_options)

*cc1:
%(keel_old_cc1) -nostdinc -isystem $m /include) -isystem include%s

*link_libgcc:
-L$m /lib) -L .%s

*startfile:
%{shared:;static-pie:$m /lib/rcrt1.o);static:$m /lib/crt1.o);!no-pie:$m /lib/Scrt1.o);:$m /lib/crt1.o)} $m /lib/crti.o) %{static:crtbeginT.o%s;shared|static-pie|!no-pie:crtbeginS.o%s;:crtbegin.o%s}

*endfile:
%{static:crtend.o%s;shared|static-pie|!no-pie:crtendS.o%s;:crtend.o%s} $m /lib/crtn.o)

*link:
%{!r:--build-id} %{!static|static-pie:--eh-frame-hdr} --hash-style=gnu %{static:-Bstatic} %{shared:-shared} %{!static:%{!static-pie:%{rdynamic:-export-dynamic} %{!shared:-dynamic-linker /lib/ld-musl-aarch64.so.1}}} %{static-pie:-Bstatic -pie --no-dynamic-linker -z text} -X -maarch64linux %{!mno-fix-cortex-a53-843419:--fix-cortex-a53-843419} -nostdlib

*libgcc:
-lgcc -lgcc_eh

EOF

mkdir -p "$MUSL/bin"
cat >"$MUSL/bin/musl-gcc" <<EOF
#!/bin/sh
# musl-gcc — ${CROSS}gcc against the musl sysroot around this script.
# Links statically unless -shared or -static-pie is on the command line.
KEEL_MUSL="\$(cd "\$(dirname "\$0")/.." && pwd)"
export KEEL_MUSL
static=-static
for arg in "\$@"; do
    case "\$arg" in -shared | -static-pie) static= ;; esac
done
exec ${CROSS}gcc -specs "\$KEEL_MUSL/lib/musl-gcc.specs" \$static "\$@"
EOF
chmod 0755 "$MUSL/bin/musl-gcc"

step "check: static hello with long double"
t="$OUT/src/musl-check"
rm -rf "$t"
mkdir -p "$t"
cat >"$t/hello.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    long double x = strtold(argc > 1 ? argv[1] : "1.5", NULL);
    printf("%Lg\n", x * 3.0L);
    return 0;
}
EOF
"$MUSL_CC" -O2 -Wall -Wextra -Werror -o "$t/hello" "$t/hello.c"
"${CROSS}readelf" -hl "$t/hello" >"$t/hello.readelf"
grep -q 'Machine:.*AArch64' "$t/hello.readelf"
! grep -q 'INTERP' "$t/hello.readelf"
! grep -qi 'glibc\|GLIBC' "$t/hello"
echo "port musl: done"
