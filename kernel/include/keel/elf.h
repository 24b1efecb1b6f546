/*
 * keel/elf.h — validating a static ELF64 AArch64 executable (pure code,
 * host-tested and fuzzed).  Accepts ET_EXEC and static-PIE ET_DYN without
 * an interpreter; everything else is -ENOEXEC with a reason.
 */
#ifndef KEEL_ELF_H
#define KEEL_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_LOAD 16 /* PT_LOAD segments accepted */

struct elf_segment {
    uint64_t vaddr; /* as linked (add load_bias for ET_DYN) */
    uint64_t memsz;
    uint64_t filesz;
    uint64_t offset; /* in the file */
    unsigned prot;   /* UPROT_* bits: 1 read, 2 write, 4 exec */
};

struct elf_info {
    int is_pie;          /* ET_DYN: loaded at a bias chosen by exec */
    uint64_t entry;      /* as linked */
    uint64_t phdr_vaddr; /* AT_PHDR as linked (0 if not covered by a segment) */
    uint16_t phent, phnum;
    uint64_t lo, hi; /* span of all PT_LOAD segments, page-aligned */
    unsigned nseg;
    struct elf_segment seg[ELF_MAX_LOAD];
    int exec_stack; /* PT_GNU_STACK asks for an executable stack */
};

/*
 * elf_parse: validate the headers in `buf` (the first `len` bytes of a
 * file of `file_size` bytes) and fill *info.  Every offset and size is
 * checked against file_size and for overflow; segments must be ordered,
 * non-overlapping, in user space, with filesz <= memsz and offset and
 * vaddr congruent modulo the page size; a segment may not be writable and
 * executable.  Returns 0 or -ENOEXEC (*why set to a static reason).
 * `buf` must hold at least the ELF header and the program headers; if it
 * does not, returns -ENOEXEC with why = "program headers beyond the first
 * page" (callers pass the first 4 KiB, enough for every static binary).
 */
int elf_parse(const void *buf, size_t len, uint64_t file_size, struct elf_info *info,
              const char **why);

#endif
