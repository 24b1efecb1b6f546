#!/usr/bin/env bash
# userspace/ports/newlib.sh — newlib 3.3.0 (Debian source with Debian's
# patches) for bare-metal aarch64 (target aarch64-none-elf), compiled by the
# aarch64-linux-gnu cross tools.  Installs build/sysroot/newlib:
#   include/   newlib's headers
#   lib/       libc.a libm.a (no libgloss, no crt0: the user supplies _start
#              and the system-call stubs, --disable-newlib-supplied-syscalls)
# The compiler is told -nostdinc (plus GCC's own include/) and the Linux
# predefines are removed, so nothing of glibc leaks into the library.
source "$(dirname "$0")/lib.sh"
port_begin newlib

src="$SRC/newlib"
obj="$SRC/newlib-build"
dest="$SYSROOT/newlib"
target=aarch64-none-elf
step "unpack"
unpack newlib "$src"
rm -rf "$obj"
mkdir -p "$obj"
cd "$obj"

gccinc="$("${CROSS}gcc" -print-file-name=include)"
cc="${CROSS}gcc -nostdinc -isystem $gccinc -U__linux__ -U__linux -Ulinux -U__gnu_linux__ -U__unix__ -U__unix -Uunix"
step "configure ($target)"
"$src/configure" --target="$target" --prefix=/ \
    --disable-newlib-supplied-syscalls --disable-nls --disable-multilib \
    --enable-newlib-io-long-long --enable-newlib-register-fini \
    CC_FOR_TARGET="$cc" GCC_FOR_TARGET="$cc" CXX_FOR_TARGET="${CROSS}g++" \
    AR_FOR_TARGET="${CROSS}ar" AS_FOR_TARGET="${CROSS}as" \
    LD_FOR_TARGET="${CROSS}ld" NM_FOR_TARGET="${CROSS}nm" \
    OBJDUMP_FOR_TARGET="${CROSS}objdump" RANLIB_FOR_TARGET="${CROSS}ranlib" \
    READELF_FOR_TARGET="${CROSS}readelf" STRIP_FOR_TARGET="${CROSS}strip" \
    CFLAGS_FOR_TARGET="-g -O2 -ffunction-sections -fdata-sections"

step "build (make -j$JOBS all-target-newlib)"
make -j"$JOBS" all-target-newlib

step "install to ${dest#"$ROOT"/}"
rm -rf "$obj/inst" "$dest"
make install-target-newlib DESTDIR="$obj/inst"
mkdir -p "$dest"
cp -a "$obj/inst/$target/include" "$dest/include"
mkdir -p "$dest/lib"
cp -a "$obj/inst/$target/lib/libc.a" "$obj/inst/$target/lib/libm.a" "$dest/lib/"
[ -f "$dest/include/newlib.h" ]
echo "port newlib: done"
