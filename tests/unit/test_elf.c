/* Unit tests for kernel/elf.c with hand-built ELF headers. */
#include "harness.h"

#include <abi/errno.h>
#include <keel/elf.h>
#include <stdint.h>
#include <string.h>

struct img {
    uint8_t b[4096];
};

static void put16(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}
static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}
static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

/* A static ET_EXEC with text (R X) at 0x400000 and data (RW) at 0x410000. */
static void make(struct img *m)
{
    memset(m, 0, sizeof *m);
    uint8_t *e = m->b;
    memcpy(e, "\177ELF", 4);
    e[4] = 2, e[5] = 1, e[6] = 1;
    put16(e + 16, 2);   /* ET_EXEC */
    put16(e + 18, 183); /* EM_AARCH64 */
    put32(e + 20, 1);
    put64(e + 24, 0x400100); /* entry */
    put64(e + 32, 64);       /* phoff */
    put16(e + 52, 64);
    put16(e + 54, 56);
    put16(e + 56, 3); /* phnum */
    uint8_t *p = e + 64;
    put32(p, 1), put32(p + 4, 5), put64(p + 8, 0), put64(p + 16, 0x400000);
    put64(p + 32, 0x2000), put64(p + 40, 0x2000);
    p += 56;
    put32(p, 1), put32(p + 4, 6), put64(p + 8, 0x2000), put64(p + 16, 0x410000);
    put64(p + 32, 0x100), put64(p + 40, 0x3000);
    p += 56;
    put32(p, 0x6474e551), put32(p + 4, 6);
}

TEST(elf_accepts_static_exec)
{
    struct img m;
    struct elf_info info;
    const char *why = NULL;
    make(&m);
    REQUIRE(elf_parse(m.b, sizeof m.b, 0x3000, &info, &why) == 0);
    CHECK_EQ(info.nseg, 2);
    CHECK_EQ(info.entry, 0x400100);
    CHECK_EQ(info.seg[0].prot, 5);
    CHECK_EQ(info.seg[1].prot, 3);
    CHECK_EQ(info.phdr_vaddr, 0x400040);
    CHECK_EQ(info.lo, 0x400000);
    CHECK_EQ(info.hi, 0x413000);
    CHECK_EQ(info.exec_stack, 0);
    CHECK_EQ(info.is_pie, 0);
}

static int parse_bad(struct img *m, uint64_t size)
{
    struct elf_info info;
    const char *why = NULL;
    int r = elf_parse(m->b, sizeof m->b, size, &info, &why);
    if (r)
        CHECK(why != NULL);
    return r;
}

TEST(elf_rejects_malformed)
{
    struct img m;
    make(&m), m.b[0] = 0;
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put16(m.b + 18, 62); /* x86-64 */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put16(m.b + 16, 1); /* ET_REL */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put64(m.b + 32, 4090); /* phoff past the buffer */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put16(m.b + 56, 0);
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put64(m.b + 64 + 32, 0x3000); /* filesz > memsz */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put64(m.b + 64 + 56 + 32, 0x200000); /* data past the file */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put32(m.b + 64 + 4, 7); /* RWX text */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put64(m.b + 64 + 56 + 16, 0x401000); /* overlapping */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put64(m.b + 24, 0x410010); /* entry in data */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put64(m.b + 64 + 16, 0xfffffffffffff000ULL); /* kernel address */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put64(m.b + 64 + 56 + 16, 0x410123); /* not congruent */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m), put32(m.b + 64 + 112, 3); /* PT_INTERP */
    CHECK_EQ(parse_bad(&m, 0x3000), -ENOEXEC);
    make(&m);
    CHECK_EQ(parse_bad(&m, 10), -ENOEXEC); /* truncated file */
}

TEST(elf_truncation_and_flips_never_crash)
{
    struct img m;
    struct elf_info info;
    for (unsigned cut = 0; cut < 64 + 3 * 56; cut++) {
        make(&m);
        (void)elf_parse(m.b, cut, 0x3000, &info, NULL);
    }
    for (unsigned i = 0; i < 64 + 3 * 56; i++) {
        for (unsigned bit = 0; bit < 8; bit++) {
            make(&m);
            m.b[i] ^= (uint8_t)(1u << bit);
            int r = elf_parse(m.b, sizeof m.b, 0x3000, &info, NULL);
            if (r == 0) {
                CHECK(info.nseg >= 1 && info.nseg <= ELF_MAX_LOAD);
                for (unsigned s = 0; s < info.nseg; s++)
                    CHECK(!((info.seg[s].prot & 2) && (info.seg[s].prot & 4)));
            }
        }
    }
}
