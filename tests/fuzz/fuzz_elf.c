/*
 * tests/fuzz/fuzz_elf.c — libFuzzer target: the input is an ELF file image.
 * As exec_image() does, elf_parse() gets the first min(size, 4096) bytes
 * (in a heap buffer of exactly that length, so AddressSanitizer sees any
 * read past it) and the file size.  An accepted image is then "loaded" the
 * way load_segments() does it, without an address space: every segment's
 * file bytes are read from the image (exact-size heap copy) at its offset,
 * and its pages are placed at the load bias exec would choose.
 *
 * A failure is a crash or sanitizer report, a rejection that is not
 * -ENOEXEC with a reason, or an accepted image that breaks a promise of
 * keel/elf.h: 1..ELF_MAX_LOAD segments, each with filesz <= memsz, file
 * bytes inside the file, in user space, offset and vaddr congruent modulo
 * the page size, not writable and executable, ordered without overlap; the
 * entry in an executable segment; lo/hi the page-aligned span; a static
 * image at or above 64 KiB, a PIE no larger than 1 TiB.
 */
#include <abi/errno.h>
#include <keel/elf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096ULL
#define USER_LIMIT 0x0000fffffffff000ULL
#define PIE_BASE 0x0000aaaaaaaa0000ULL /* kernel/exec.c */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, unsigned seg)
{
    fprintf(stderr, "fuzz_elf: accepted image breaks the contract: %s (segment %u)\n", what, seg);
    abort();
}

/* check_info: the promises of keel/elf.h about an accepted image. */
static void check_info(const struct elf_info *in, uint64_t file_size)
{
    uint64_t prev_end = 0;
    int entry_ok = 0;

    if (in->nseg < 1 || in->nseg > ELF_MAX_LOAD)
        broken("segment count", in->nseg);
    if (in->phent != 56 || in->phnum == 0)
        broken("program header table", 0);
    for (unsigned i = 0; i < in->nseg; i++) {
        const struct elf_segment *s = &in->seg[i];
        uint64_t start = s->vaddr & ~(PAGE - 1);

        if (s->memsz == 0 || s->filesz > s->memsz)
            broken("filesz > memsz or empty", i);
        if (s->offset > file_size || s->filesz > file_size - s->offset)
            broken("file bytes beyond the end of the file", i);
        if (s->vaddr >= USER_LIMIT || s->memsz > USER_LIMIT - s->vaddr)
            broken("outside user space", i);
        if (s->vaddr % PAGE != s->offset % PAGE)
            broken("offset and vaddr not congruent", i);
        if ((s->prot & 2) && (s->prot & 4))
            broken("writable and executable", i);
        if (s->prot & ~7u)
            broken("unknown protection bits", i);
        if (i && start < prev_end)
            broken("overlapping or out of order", i);
        prev_end = (s->vaddr + s->memsz + PAGE - 1) & ~(PAGE - 1);
        if ((s->prot & 4) && in->entry >= s->vaddr && in->entry - s->vaddr < s->memsz)
            entry_ok = 1;
    }
    if (!entry_ok)
        broken("entry outside every executable segment", 0);
    if (in->lo != (in->seg[0].vaddr & ~(PAGE - 1)) || in->hi != prev_end || in->hi <= in->lo)
        broken("lo/hi not the span of the segments", 0);
    if (!in->is_pie && in->lo < 0x10000)
        broken("static image below 64 KiB", 0);
    if (in->is_pie && in->hi - in->lo > (1ULL << 40))
        broken("PIE larger than 1 TiB", 0);
}

/* load: what load_segments() reads and where it maps, for an accepted
 * image whose file is `file` (file_size bytes, the whole input). */
static void load(const struct elf_info *in, const uint8_t *file, uint64_t file_size)
{
    uint64_t bias = in->is_pie ? PIE_BASE - in->lo : 0;
    volatile uint8_t sink = 0;

    for (unsigned i = 0; i < in->nseg; i++) {
        const struct elf_segment *s = &in->seg[i];
        uint64_t start = (s->vaddr + bias) & ~(PAGE - 1);
        uint64_t end = (s->vaddr + bias + s->memsz + PAGE - 1) & ~(PAGE - 1);

        if (end <= start || end > USER_LIMIT)
            broken("mapping outside user space after the load bias", i);
        /* Touch the first and last byte of every 4 KiB of file data. */
        for (uint64_t off = 0; off < s->filesz; off += PAGE) {
            uint64_t last = off + PAGE < s->filesz ? off + PAGE - 1 : s->filesz - 1;

            if (s->offset + last >= file_size)
                broken("segment read past the file", i);
            sink ^= file[s->offset + off];
            sink ^= file[s->offset + last];
        }
    }
    (void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t head_len = size < PAGE ? size : (size_t)PAGE;
    uint8_t *head = malloc(head_len ? head_len : 1);
    uint8_t *file = malloc(size ? size : 1);
    struct elf_info info;
    const char *why = NULL;
    int r;

    if (!head || !file)
        abort();
    memcpy(head, data, head_len);
    memcpy(file, data, size);

    r = elf_parse(head, head_len, size, &info, &why);
    if (r == 0) {
        check_info(&info, size);
        load(&info, file, size);
    } else if (r != -ENOEXEC || !why || !why[0]) {
        fprintf(stderr, "fuzz_elf: rejection without -ENOEXEC and a reason (r = %d)\n", r);
        abort();
    }

    /* The same headers in a file claimed to be longer (exec trusts the
     * size the file system reports, not the bytes it read): the checks
     * against the buffer must still hold.  Only the contract is checked. */
    why = NULL;
    r = elf_parse(head, head_len, (uint64_t)size + 0x100000, &info, &why);
    if (r == 0)
        check_info(&info, (uint64_t)size + 0x100000);
    else if (r != -ENOEXEC || !why)
        abort();

    free(head);
    free(file);
    return 0;
}
