/* kernel/elf.c — elf_parse; see keel/elf.h. */
#include <abi/errno.h>
#include <keel/elf.h>
#include <keel/string.h>

#define EI_NIDENT 16
#define ET_EXEC 2
#define ET_DYN 3
#define EM_AARCH64 183
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define PAGE 4096ULL
#define USER_LIMIT 0x0000fffffffff000ULL

struct ehdr {
    uint8_t ident[EI_NIDENT];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

_Static_assert(sizeof(struct ehdr) == 64, "Elf64_Ehdr");
_Static_assert(sizeof(struct phdr) == 56, "Elf64_Phdr");

static int fail(const char **why, const char *reason)
{
    if (why)
        *why = reason;
    return -ENOEXEC;
}

int elf_parse(const void *buf, size_t len, uint64_t file_size, struct elf_info *info,
              const char **why)
{
    struct ehdr eh;
    memset(info, 0, sizeof *info);
    if (len < sizeof eh || file_size < sizeof eh)
        return fail(why, "file too short for an ELF header");
    memcpy(&eh, buf, sizeof eh);
    if (memcmp(eh.ident, "\177ELF", 4) != 0)
        return fail(why, "not an ELF file");
    if (eh.ident[4] != 2 || eh.ident[5] != 1 || eh.ident[6] != 1)
        return fail(why, "not a little-endian ELF64 file");
    if (eh.machine != EM_AARCH64)
        return fail(why, "not an AArch64 executable");
    if (eh.type != ET_EXEC && eh.type != ET_DYN)
        return fail(why, "not an executable (ET_EXEC or ET_DYN)");
    if (eh.phentsize != sizeof(struct phdr) || eh.phnum == 0 || eh.phnum > 64)
        return fail(why, "bad program header table size");
    uint64_t ph_bytes = (uint64_t)eh.phnum * sizeof(struct phdr);
    if (eh.phoff > file_size || ph_bytes > file_size - eh.phoff)
        return fail(why, "program headers beyond the end of the file");
    if (eh.phoff > len || ph_bytes > len - eh.phoff)
        return fail(why, "program headers beyond the first page");

    info->is_pie = eh.type == ET_DYN;
    info->entry = eh.entry;
    info->phent = eh.phentsize;
    info->phnum = eh.phnum;
    uint64_t prev_end = 0;
    int seen_entry = 0;
    for (unsigned i = 0; i < eh.phnum; i++) {
        struct phdr ph;
        memcpy(&ph, (const uint8_t *)buf + eh.phoff + i * sizeof ph, sizeof ph);
        if (ph.type == PT_INTERP)
            return fail(why, "dynamically linked (PT_INTERP): Keel runs static programs");
        if (ph.type == PT_GNU_STACK) {
            info->exec_stack = (ph.flags & PF_X) != 0;
            continue;
        }
        if (ph.type != PT_LOAD)
            continue;
        if (info->nseg == ELF_MAX_LOAD)
            return fail(why, "too many PT_LOAD segments");
        if (ph.memsz == 0)
            continue;
        if (ph.filesz > ph.memsz)
            return fail(why, "segment file size larger than its memory size");
        if (ph.offset > file_size || ph.filesz > file_size - ph.offset)
            return fail(why, "segment data beyond the end of the file");
        if (ph.vaddr >= USER_LIMIT || ph.memsz > USER_LIMIT - ph.vaddr)
            return fail(why, "segment outside user space");
        if ((ph.vaddr % PAGE) != (ph.offset % PAGE))
            return fail(why, "segment offset and address not congruent modulo the page size");
        if ((ph.flags & PF_W) && (ph.flags & PF_X))
            return fail(why, "segment both writable and executable (W^X)");
        uint64_t start = ph.vaddr & ~(PAGE - 1);
        uint64_t end = (ph.vaddr + ph.memsz + PAGE - 1) & ~(PAGE - 1);
        if (info->nseg && start < prev_end)
            return fail(why, "segments overlap or are out of order");
        prev_end = end;
        struct elf_segment *s = &info->seg[info->nseg++];
        s->vaddr = ph.vaddr;
        s->memsz = ph.memsz;
        s->filesz = ph.filesz;
        s->offset = ph.offset;
        s->prot =
            ((ph.flags & PF_R) ? 1 : 0) | ((ph.flags & PF_W) ? 2 : 0) | ((ph.flags & PF_X) ? 4 : 0);
        if (ph.offset <= eh.phoff && eh.phoff + ph_bytes <= ph.offset + ph.filesz)
            info->phdr_vaddr = ph.vaddr + (eh.phoff - ph.offset);
        if (eh.entry >= ph.vaddr && eh.entry < ph.vaddr + ph.memsz && (ph.flags & PF_X))
            seen_entry = 1;
    }
    if (!info->nseg)
        return fail(why, "no loadable segment");
    if (!seen_entry)
        return fail(why, "entry point outside every executable segment");
    info->lo = info->seg[0].vaddr & ~(PAGE - 1);
    info->hi = prev_end;
    if (!info->is_pie && info->lo < 0x10000)
        return fail(why, "segment below the lowest user address");
    if (info->is_pie && info->hi - info->lo > (1ULL << 40))
        return fail(why, "position-independent image too large");
    return 0;
}
