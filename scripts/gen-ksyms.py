#!/usr/bin/env python3
"""gen-ksyms.py NM_OUTPUT OUT.S -- the kernel symbol table for backtraces.

Reads `nm -S --defined-only` output of the first-pass kernel and writes an
assembly file defining ksym_table (sorted {addr, name_offset, size}),
ksym_count and ksym_names, all in the .ksyms section (see kernel/ksyms.c).
With NM_OUTPUT = /dev/null it writes an empty table (first link pass).
"""
import sys


def main():
    src, dst = sys.argv[1], sys.argv[2]
    syms = []
    with open(src) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                addr, size, kind, name = parts
            elif len(parts) == 3:
                addr, kind, name = parts
                size = "0"
            else:
                continue
            if kind not in "tT" or name.startswith("$"):
                continue
            syms.append((int(addr, 16), int(size, 16), name))
    syms.sort()
    names = bytearray()
    out = ['\t.section ".ksyms", "a"', "\t.balign 8", "\t.globl ksym_table, ksym_count, ksym_names",
           "ksym_count:", f"\t.quad {len(syms)}", "ksym_table:"]
    for addr, size, name in syms:
        out.append(f"\t.quad 0x{addr:x}")
        out.append(f"\t.long {len(names)}, {size}")
        names += name.encode() + b"\0"
    out.append("ksym_names:")
    for i in range(0, len(names), 32):
        out.append("\t.byte " + ", ".join(str(b) for b in names[i:i + 32]))
    out.append("\t.byte 0")
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
