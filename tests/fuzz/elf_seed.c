/*
 * tests/fuzz/elf_seed.c — write the seed corpus of fuzz_elf: small valid
 * static AArch64 images (ET_EXEC with text, data and PT_GNU_STACK; a static
 * PIE; one with its program headers outside every segment and a PT_NOTE),
 * laid out as a linker would.  Usage: elf-seed DIR
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define PT_LOAD 1
#define PT_NOTE 4
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551u

struct image {
    uint8_t b[3 * 4096];
    size_t len;
    unsigned phnum;
};

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* header: the ELF header, program headers at phoff. */
static void header(struct image *m, uint16_t type, uint64_t entry, uint64_t phoff)
{
    memset(m, 0, sizeof *m);
    memcpy(m->b, "\177ELF", 4);
    m->b[4] = 2; /* ELFCLASS64 */
    m->b[5] = 1; /* little-endian */
    m->b[6] = 1; /* EV_CURRENT */
    put16(m->b + 16, type);
    put16(m->b + 18, 183); /* EM_AARCH64 */
    put32(m->b + 20, 1);
    put64(m->b + 24, entry);
    put64(m->b + 32, phoff);
    put16(m->b + 52, 64);
    put16(m->b + 54, 56);
}

static void phdr(struct image *m, uint32_t type, uint32_t flags, uint64_t off, uint64_t vaddr,
                 uint64_t filesz, uint64_t memsz)
{
    uint64_t phoff = 0;
    uint8_t *p;

    for (int i = 0; i < 8; i++)
        phoff |= (uint64_t)m->b[32 + i] << (8 * i);
    p = m->b + phoff + 56 * m->phnum++;
    put32(p, type);
    put32(p + 4, flags);
    put64(p + 8, off);
    put64(p + 16, vaddr);
    put64(p + 24, vaddr);
    put64(p + 32, filesz);
    put64(p + 40, memsz);
    put64(p + 48, type == PT_LOAD ? 0x10000 : 8);
    put16(m->b + 56, (uint16_t)m->phnum);
}

/* code: a few instructions at off (mov x0, #0; mov x8, #93; svc #0). */
static void code(struct image *m, size_t off)
{
    put32(m->b + off, 0xd2800000);
    put32(m->b + off + 4, 0xd2800ba8);
    put32(m->b + off + 8, 0xd4000001);
}

static int write_seed(const char *dir, const char *name, const struct image *m)
{
    char path[1024];
    FILE *fp;
    int ok;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    ok = fp && fwrite(m->b, 1, m->len, fp) == m->len;
    if (fp && fclose(fp) != 0)
        ok = 0;
    if (!ok)
        fprintf(stderr, "elf-seed: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct image m;
    int bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: elf-seed DIR\n");
        return 2;
    }

    /* ET_EXEC: headers and text (R X) at 0x400000, data+bss (RW) a page on. */
    header(&m, 2, 0x400000 + 0x200, 64);
    phdr(&m, PT_PHDR, 4, 64, 0x400040, 4 * 56, 4 * 56);
    phdr(&m, PT_LOAD, 5, 0, 0x400000, 0x1000, 0x1000);
    phdr(&m, PT_LOAD, 6, 0x1000, 0x411000, 0x80, 0x2000);
    phdr(&m, PT_GNU_STACK, 6, 0, 0, 0, 0);
    code(&m, 0x200);
    memcpy(m.b + 0x1000, "data", 4);
    m.len = 0x1080;
    bad |= write_seed(argv[1], "static-exec", &m);

    /* Static PIE (ET_DYN) linked at 0. */
    header(&m, 3, 0x100, 64);
    phdr(&m, PT_LOAD, 5, 0, 0, 0x180, 0x180);
    phdr(&m, PT_LOAD, 6, 0x180, 0x10180, 0x40, 0x1000);
    phdr(&m, PT_GNU_STACK, 6, 0, 0, 0, 0);
    code(&m, 0x100);
    m.len = 0x1c0;
    bad |= write_seed(argv[1], "static-pie", &m);

    /* Program headers after the text, outside every segment; a note; an
     * executable stack asked for; three PT_LOADs. */
    header(&m, 2, 0x10040, 0xc00);
    phdr(&m, PT_LOAD, 5, 0, 0x10000, 0x800, 0x800);
    phdr(&m, PT_LOAD, 4, 0x1000, 0x21000, 0x800, 0x800);
    phdr(&m, PT_LOAD, 6, 0x1800, 0x31800, 0x100, 0x5000);
    phdr(&m, PT_NOTE, 4, 0x1000, 0x21000, 0x20, 0x20);
    phdr(&m, PT_GNU_STACK, 7, 0, 0, 0, 0);
    code(&m, 0x40);
    m.len = 0x1900;
    bad |= write_seed(argv[1], "phdrs-outside", &m);
    return bad;
}
