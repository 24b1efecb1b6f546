/*
 * kernel/ksyms.c — the kernel symbol table for backtraces.
 *
 * The table is generated from the linked kernel by scripts/gen-ksyms.py and
 * linked into .ksyms on the second link pass (see arch/aarch64/build.mk);
 * on the first pass it is empty.  Entries are sorted by address.
 */
#include <keel/printk.h>
#include <stdint.h>

struct ksym {
    uint64_t addr;
    uint32_t name_offset; /* into ksym_names */
    uint32_t size;
};

extern const struct ksym ksym_table[];
extern const uint64_t ksym_count;
extern const char ksym_names[];

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
    uint64_t lo = 0, hi = ksym_count;
    if (!hi || addr < ksym_table[0].addr)
        return NULL;
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (ksym_table[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    const struct ksym *s = &ksym_table[lo];
    if (s->size && addr >= s->addr + s->size)
        return NULL;
    *offset = addr - s->addr;
    return &ksym_names[s->name_offset];
}
