/*
 * tests/unit/test_fdt.c — the flattened device tree reader (kernel/fdt.c):
 * header and structure validation on hand-built blobs, the API on
 * tests/unit/data/translate.dts, and the values that matter on the real
 * blobs of QEMU virt and the Raspberry Pi 4.
 */
#include "harness.h"
#include "unit_data.h"

#include <keel/fdt.h>

#include <abi/errno.h>

#include <stdlib.h>

/* --- A tiny blob writer for malformed trees ----------------------------- */

struct fdtw {
    uint8_t st[4096];
    size_t st_len;
    char str[1024];
    size_t str_len;
};

static void w32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void w_tok(struct fdtw *w, uint32_t v)
{
    w32(w->st + w->st_len, v);
    w->st_len += 4;
}

static void w_bytes(struct fdtw *w, const void *p, size_t n)
{
    memcpy(w->st + w->st_len, p, n);
    w->st_len += n;
    while (w->st_len % 4)
        w->st[w->st_len++] = 0;
}

static void w_begin(struct fdtw *w, const char *name)
{
    w_tok(w, 1);
    w_bytes(w, name, strlen(name) + 1);
}

static void w_prop(struct fdtw *w, const char *name, const void *val, uint32_t len)
{
    uint32_t off = (uint32_t)w->str_len;

    memcpy(w->str + w->str_len, name, strlen(name) + 1);
    w->str_len += strlen(name) + 1;
    w_tok(w, 3);
    w_tok(w, len);
    w_tok(w, off);
    w_bytes(w, val, len);
}

static void w_end_node(struct fdtw *w)
{
    w_tok(w, 2);
}
static void w_end(struct fdtw *w)
{
    w_tok(w, 9);
}

/* Header 40 bytes, rsvmap at 40 (one terminator), struct at 56, strings after. */
#define W_RSV 40u
#define W_STRUCT 56u

static size_t w_finish(const struct fdtw *w, uint8_t *out, size_t cap)
{
    size_t total = W_STRUCT + w->st_len + w->str_len;

    if (total > cap)
        abort();
    memset(out, 0, total);
    w32(out, FDT_MAGIC);
    w32(out + 4, (uint32_t)total);
    w32(out + 8, W_STRUCT);
    w32(out + 12, (uint32_t)(W_STRUCT + w->st_len));
    w32(out + 16, W_RSV);
    w32(out + 20, 17);
    w32(out + 24, 16);
    w32(out + 28, 0);
    w32(out + 32, (uint32_t)w->str_len);
    w32(out + 36, (uint32_t)w->st_len);
    memcpy(out + W_STRUCT, w->st, w->st_len);
    memcpy(out + W_STRUCT + w->st_len, w->str, w->str_len);
    return total;
}

/* A small valid tree: / { a = <1>; child@1 { b = "x"; }; }; */
static size_t small_tree(uint8_t *out, size_t cap)
{
    static struct fdtw w;
    uint8_t one[4] = {0, 0, 0, 1};

    memset(&w, 0, sizeof w);
    w_begin(&w, "");
    w_prop(&w, "a", one, 4);
    w_begin(&w, "child@1");
    w_prop(&w, "b", "x", 2);
    w_end_node(&w);
    w_end_node(&w);
    w_end(&w);
    return w_finish(&w, out, cap);
}

static int check_blob(const uint8_t *b, size_t n, const char **why)
{
    *why = NULL;
    return fdt_check(b, n, why);
}

TEST(fdt_small_tree_valid)
{
    uint8_t b[512];
    size_t n = small_tree(b, sizeof b);
    const char *why;
    struct fdt f;
    int root, child;
    uint32_t v;

    REQUIRE(fdt_init(&f, b, n, &why) == 0);
    root = fdt_root(&f);
    CHECK_EQ(root, W_STRUCT);
    CHECK_STR(fdt_node_name(&f, root, NULL), "");
    CHECK_EQ(fdt_getprop_u32(&f, root, "a", &v), 0);
    CHECK_EQ(v, 1);
    child = fdt_first_child(&f, root);
    REQUIRE(child > root);
    CHECK_STR(fdt_node_name(&f, child, NULL), "child@1");
    CHECK_STR(fdt_getprop_string(&f, child, "b"), "x");
    CHECK_EQ(fdt_parent(&f, child), root);
    CHECK_EQ(fdt_parent(&f, root), -ENOENT);
    CHECK_EQ(fdt_next_sibling(&f, child), -ENOENT);
    CHECK_EQ(fdt_path_offset(&f, "/child"), child);
    CHECK_EQ(fdt_path_offset(&f, "/child@1"), child);
    CHECK_EQ(fdt_path_offset(&f, "/child@2"), -ENOENT);
    CHECK_EQ(fdt_path_offset(&f, "/"), root);
    CHECK_EQ(fdt_path_offset(&f, "//child@1/"), child);
    /* Not nodes: */
    CHECK(fdt_node_name(&f, root + 4, NULL) == NULL);
    CHECK_EQ(fdt_next_node(&f, 3, NULL), -EINVAL);
    CHECK_EQ(fdt_parent(&f, -1), -EINVAL);
    CHECK(fdt_getprop(&f, 100000, "a", NULL) == NULL);
}

TEST(fdt_header_rejects)
{
    uint8_t good[512], b[512];
    size_t n = small_tree(good, sizeof good);
    const char *why;

#define MUTATE(off, val)                                                                           \
    do {                                                                                           \
        memcpy(b, good, n);                                                                        \
        w32(b + (off), (uint32_t)(val));                                                           \
    } while (0)

    CHECK_EQ(check_blob(good, n, &why), 0);
    CHECK_EQ(fdt_check(NULL, 100, &why), -EINVAL);
    CHECK_EQ(check_blob(good, 35, &why), -EINVAL);
    CHECK(why != NULL);
    CHECK_EQ(check_blob(good, n - 1, &why), -EINVAL); /* totalsize > max */
    CHECK(why && strstr(why, "totalsize"));

    MUTATE(0, 0xd00dfeee);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    CHECK(why && strstr(why, "magic"));
    MUTATE(20, 15);
    CHECK_EQ(check_blob(b, n, &why), -EOPNOTSUPP);
    MUTATE(24, 18);
    CHECK_EQ(check_blob(b, n, &why), -EOPNOTSUPP);
    MUTATE(4, 39); /* totalsize < header */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    MUTATE(8, W_STRUCT + 2); /* misaligned struct */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    CHECK(why && strstr(why, "misaligned"));
    MUTATE(8, 32); /* struct inside header */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    MUTATE(36, n); /* struct past end */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    CHECK(why && strstr(why, "structure block"));
    MUTATE(36, 0xfffffff0u); /* wrapping size */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    MUTATE(12, n + 4); /* strings past end */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    MUTATE(32, 0xffffffffu);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    CHECK(why && strstr(why, "strings"));
    MUTATE(16, 44); /* misaligned rsvmap */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    MUTATE(16, n - 8); /* rsvmap unterminated */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    CHECK(why && strstr(why, "reservation"));
    MUTATE(W_RSV + 4, 1); /* the terminator becomes an entry: none left */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    /* Version 16: no size_dt_struct, the struct block runs to the end. */
    MUTATE(20, 16);
    CHECK_EQ(check_blob(b, n, &why), 0);
#undef MUTATE
}

TEST(fdt_structure_rejects)
{
    static struct fdtw w;
    uint8_t b[8192];
    size_t n;
    const char *why;
    uint8_t one[4] = {0, 0, 0, 1};

    /* unterminated node name: the name runs to the end of the block */
    memset(&w, 0, sizeof w);
    w_tok(&w, 1);
    memcpy(w.st + w.st_len, "abcd", 4);
    w.st_len += 4;
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    /* property length past the block */
    memset(&w, 0, sizeof w);
    w_begin(&w, "");
    w_prop(&w, "a", one, 4);
    w_end_node(&w);
    w_end(&w);
    n = w_finish(&w, b, sizeof b);
    /* BEGIN_NODE "" is 8 bytes; the PROP token's length is at +12, its
     * name offset at +16. */
    w32(b + W_STRUCT + 12, 0x1000);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    w32(b + W_STRUCT + 12, 0xfffffffc);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    w32(b + W_STRUCT + 12, 4);
    w32(b + W_STRUCT + 16, 1000);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    CHECK(why && strstr(why, "property name"));
    w32(b + W_STRUCT + 16, 0);
    CHECK_EQ(check_blob(b, n, &why), 0);
    b[n - 1] = 'x'; /* name loses its NUL */
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    /* unbalanced END_NODE, missing END, two roots, prop outside, unknown token */
    memset(&w, 0, sizeof w);
    w_begin(&w, "");
    w_end_node(&w);
    w_end_node(&w);
    w_end(&w);
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    memset(&w, 0, sizeof w);
    w_begin(&w, "");
    w_end_node(&w);
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    memset(&w, 0, sizeof w);
    w_begin(&w, "");
    w_end_node(&w);
    w_begin(&w, "");
    w_end_node(&w);
    w_end(&w);
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);
    CHECK(why && strstr(why, "root"));

    memset(&w, 0, sizeof w);
    w_prop(&w, "a", one, 4);
    w_begin(&w, "");
    w_end_node(&w);
    w_end(&w);
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    memset(&w, 0, sizeof w);
    w_begin(&w, "");
    w_tok(&w, 5);
    w_end_node(&w);
    w_end(&w);
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    memset(&w, 0, sizeof w);
    w_end(&w);
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), -EINVAL);

    /* NOPs are fine anywhere */
    memset(&w, 0, sizeof w);
    w_tok(&w, 4);
    w_begin(&w, "");
    w_tok(&w, 4);
    w_prop(&w, "a", one, 4);
    w_tok(&w, 4);
    w_begin(&w, "c");
    w_end_node(&w);
    w_tok(&w, 4);
    w_end_node(&w);
    w_tok(&w, 4);
    w_end(&w);
    n = w_finish(&w, b, sizeof b);
    CHECK_EQ(check_blob(b, n, &why), 0);
    {
        struct fdt f;
        uint32_t v;
        REQUIRE(fdt_init(&f, b, n, &why) == 0);
        CHECK_EQ(fdt_getprop_u32(&f, fdt_root(&f), "a", &v), 0);
        CHECK_EQ(fdt_path_offset(&f, "/c") > 0, 1);
    }
}

TEST(fdt_depth_limit)
{
    static struct fdtw w;
    uint8_t b[8192];
    size_t n;
    const char *why;

    for (int depth = FDT_MAX_DEPTH; depth <= FDT_MAX_DEPTH + 1; depth++) {
        memset(&w, 0, sizeof w);
        for (int i = 0; i < depth; i++)
            w_begin(&w, i ? "n" : "");
        for (int i = 0; i < depth; i++)
            w_end_node(&w);
        w_end(&w);
        n = w_finish(&w, b, sizeof b);
        if (depth == FDT_MAX_DEPTH) {
            struct fdt f;
            int node, parent;
            char path[2 * FDT_MAX_DEPTH + 1] = "";

            REQUIRE(fdt_init(&f, b, n, &why) == 0);
            for (int i = 1; i < depth; i++)
                strcat(path, "/n");
            node = fdt_path_offset(&f, path);
            REQUIRE(node > 0);
            parent = fdt_parent(&f, node);
            CHECK(parent > 0 && parent < node);
        } else {
            CHECK_EQ(check_blob(b, n, &why), -EINVAL);
            CHECK(why && strstr(why, "deep"));
        }
    }
}

TEST(fdt_unaligned_blob)
{
    size_t n;
    uint8_t *blob = unit_data_load("translate.dtb", &n);
    uint8_t *odd;
    struct fdt f;
    const char *why;
    uint64_t a, s;

    REQUIRE(blob);
    odd = malloc(n + 1);
    REQUIRE(odd);
    memcpy(odd + 1, blob, n);
    REQUIRE(fdt_init(&f, odd + 1, n, &why) == 0);
    CHECK_EQ(fdt_reg(&f, fdt_path_offset(&f, "/soc/serial@7e201000"), 0, &a, &s), 0);
    CHECK_EQ(a, 0xfe201000);
    free(odd);
    free(blob);
}

/* --- translate.dts ------------------------------------------------------- */

struct tree {
    uint8_t *blob;
    size_t size;
    struct fdt f;
};

static bool tree_load(struct tree *t, const char *name)
{
    const char *why = NULL;

    t->blob = unit_data_load(name, &t->size);
    if (!t->blob)
        return false;
    if (fdt_init(&t->f, t->blob, t->size, &why) != 0) {
        fprintf(stderr, "    %s: %s\n", name, why);
        return false;
    }
    return true;
}

static int node(struct tree *t, const char *path)
{
    return fdt_path_offset(&t->f, path);
}

TEST(fdt_paths_and_names)
{
    struct tree t;
    int soc, serial, n, depth, count;
    size_t len;

    REQUIRE(tree_load(&t, "translate.dtb"));
    soc = node(&t, "/soc");
    serial = node(&t, "/soc/serial@7e201000");
    REQUIRE(soc > 0 && serial > soc);
    CHECK_STR(fdt_node_name(&t.f, serial, &len), "serial@7e201000");
    CHECK_EQ(len, 15);
    CHECK_EQ(node(&t, "/soc/serial"), serial); /* first serial@... */
    CHECK_EQ(node(&t, "/soc/serial@7e201400") > serial, 1);
    CHECK_EQ(node(&t, "/soc/serial@7e2014"), -ENOENT);
    CHECK_EQ(node(&t, "/soc/nothing"), -ENOENT);
    CHECK_EQ(node(&t, "/soc/bus/deep/leaf@20"), node(&t, "/soc/bus@7e100000/deep/leaf"));
    CHECK_EQ(fdt_path_offset_len(&t.f, "/soc/serial@7e201000:115200", 20), serial);
    /* aliases */
    CHECK_EQ(node(&t, "serial0"), serial);
    CHECK_EQ(node(&t, "bus/deep"), node(&t, "/soc/bus@7e100000/deep"));
    CHECK_EQ(node(&t, "relative"), -ENOENT); /* alias value not absolute */
    CHECK_EQ(node(&t, "nosuch"), -ENOENT);
    CHECK_EQ(fdt_path_offset_len(&t.f, "serial0:115200n8", 7), serial);
    CHECK_EQ(fdt_path_offset(&t.f, ""), -EINVAL);

    CHECK_EQ(fdt_parent(&t.f, serial), soc);
    CHECK_EQ(fdt_parent(&t.f, soc), fdt_root(&t.f));

    /* Children of /soc by sibling walk, and descendants by depth walk. */
    count = 0;
    for (n = fdt_first_child(&t.f, soc); n >= 0; n = fdt_next_sibling(&t.f, n))
        count++;
    CHECK_EQ(count, 5); /* 2 serials, intc, outside, bus */
    count = 0;
    depth = 0;
    for (n = fdt_next_node(&t.f, soc, &depth); n >= 0; n = fdt_next_node(&t.f, n, &depth))
        count++;
    CHECK_EQ(count, 8); /* + timer, deep, leaf */
    CHECK_EQ(fdt_first_child(&t.f, serial), -ENOENT);
    free(t.blob);
}

TEST(fdt_props)
{
    struct tree t;
    int root, p, count = 0;
    uint32_t len, v;
    uint64_t base, size;
    const void *val;

    REQUIRE(tree_load(&t, "translate.dtb"));
    root = fdt_root(&t.f);
    CHECK_STR(fdt_getprop_string(&t.f, root, "model"), "Keel translate test");
    CHECK(fdt_getprop(&t.f, root, "nosuch", &len) == NULL);
    CHECK(fdt_getprop_namelen(&t.f, root, "modelx", 5, &len) != NULL);
    CHECK_EQ(len, 20);
    val =
        fdt_getprop(&t.f, node(&t, "/interrupt-controller@8000000"), "interrupt-controller", &len);
    CHECK(val != NULL);
    CHECK_EQ(len, 0);
    CHECK_EQ(fdt_getprop_u32(&t.f, root, "#address-cells", &v), 0);
    CHECK_EQ(v, 2);
    CHECK_EQ(fdt_getprop_u32(&t.f, root, "model", &v), -EINVAL);
    CHECK_EQ(fdt_getprop_u32(&t.f, root, "nosuch", &v), -ENOENT);
    CHECK(fdt_getprop_string(&t.f, node(&t, "/chosen"), "unterminated") == NULL);
    CHECK_STR(fdt_getprop_string(&t.f, node(&t, "/chosen"), "bootargs"), "console=ttyAMA0");
    for (p = fdt_first_prop(&t.f, root); p >= 0; p = fdt_next_prop(&t.f, p)) {
        const char *name;
        CHECK(fdt_prop_value(&t.f, p, &name, &len) != NULL);
        count++;
    }
    CHECK_EQ(count, 5);

    CHECK(fdt_node_is_compatible(&t.f, node(&t, "/soc/serial@7e201000"), "arm,primecell"));
    CHECK(fdt_node_is_compatible(&t.f, node(&t, "/soc/serial@7e201000"), "arm,pl011"));
    CHECK(!fdt_node_is_compatible(&t.f, node(&t, "/soc/serial@7e201000"), "arm,pl01"));
    CHECK(fdt_stringlist_contains("a\0bc\0", 5, "bc"));
    CHECK(!fdt_stringlist_contains("a\0bc", 4, "bc")); /* unterminated */
    CHECK(!fdt_stringlist_contains("", 0, ""));
    CHECK(fdt_node_is_enabled(&t.f, node(&t, "/soc/serial@7e201000")));
    CHECK(!fdt_node_is_enabled(&t.f, node(&t, "/soc/serial@7e201400")));
    CHECK(fdt_node_is_enabled(&t.f, node(&t, "/status-ok")));
    CHECK(!fdt_node_is_enabled(&t.f, node(&t, "/status-reserved")));

    CHECK_EQ(fdt_find_compatible(&t.f, -1, "arm,pl011"), node(&t, "/soc/serial@7e201000"));
    CHECK_EQ(fdt_find_compatible(&t.f, node(&t, "/soc/serial@7e201000"), "arm,pl011"),
             node(&t, "/soc/serial@7e201400"));
    CHECK_EQ(fdt_find_compatible(&t.f, node(&t, "/soc/serial@7e201400"), "arm,pl011"), -ENOENT);
    CHECK_EQ(fdt_find_compatible(&t.f, -1, "keel,translate-test"), root);
    CHECK_EQ(fdt_find_phandle(&t.f, 0x77), node(&t, "/interrupt-controller@9000000"));
    CHECK_EQ(fdt_find_phandle(&t.f, 0), -EINVAL);
    CHECK_EQ(fdt_find_phandle(&t.f, 0x12345), -ENOENT);

    CHECK_EQ(fdt_memreserve(&t.f, 0, &base, &size), 0);
    CHECK_EQ(base, 0x10000000);
    CHECK_EQ(size, 0x4000);
    CHECK_EQ(fdt_memreserve(&t.f, 1, &base, &size), 0);
    CHECK_EQ(base, 0x20000000);
    CHECK_EQ(fdt_memreserve(&t.f, 2, &base, &size), -ENOENT);
    CHECK_EQ(fdt_memreserve(&t.f, 100, &base, &size), -ENOENT);
    free(t.blob);
}

TEST(fdt_reg_translation)
{
    struct tree t;
    uint64_t a, s;
    int n;

    REQUIRE(tree_load(&t, "translate.dtb"));
    CHECK_EQ(fdt_address_cells(&t.f, node(&t, "/soc")), 1);
    CHECK_EQ(fdt_size_cells(&t.f, node(&t, "/cpus")), 0);
    CHECK_EQ(fdt_address_cells(&t.f, node(&t, "/chosen")), 2); /* default */
    CHECK_EQ(fdt_size_cells(&t.f, node(&t, "/chosen")), 1);

    n = node(&t, "/soc/serial@7e201000");
    CHECK_EQ(fdt_reg_raw(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0x7e201000);
    CHECK_EQ(s, 0x200);
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xfe201000);
    CHECK_EQ(s, 0x200);
    CHECK_EQ(fdt_reg(&t.f, n, 1, &a, &s), -ENOENT);

    n = node(&t, "/soc/intc@40041000"); /* the second soc range */
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xff841000);
    CHECK_EQ(fdt_reg(&t.f, n, 1, &a, &s), 0);
    CHECK_EQ(a, 0xff842000);
    CHECK_EQ(s, 0x2000);

    CHECK_EQ(fdt_reg(&t.f, node(&t, "/soc/outside@90000000"), 0, &a, &s), -ENXIO);

    n = node(&t, "/soc/bus@7e100000/timer@3000"); /* two levels of ranges */
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xfe103000);
    CHECK_EQ(fdt_reg(&t.f, n, 1, &a, &s), 0);
    CHECK_EQ(a, 0xfe105000);
    CHECK_EQ(s, 0x10);

    n = node(&t, "/soc/bus@7e100000/deep/leaf@20"); /* + an empty ranges */
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xfe100020);
    a = 0x7e201000;
    CHECK_EQ(fdt_translate(&t.f, node(&t, "/soc"), &a), 0);
    CHECK_EQ(a, 0xfe201000);
    a = 0x1234;
    CHECK_EQ(fdt_translate(&t.f, fdt_root(&t.f), &a), 0);
    CHECK_EQ(a, 0x1234);

    n = node(&t, "/nobus/dev@1000"); /* no ranges: not translatable */
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), -ENXIO);
    CHECK_EQ(fdt_reg_raw(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0x1000);

    n = node(&t, "/wide/dev@1,100"); /* 2-cell child addresses */
    CHECK_EQ(fdt_reg_raw(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0x100000100);
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0x80000100);
    CHECK_EQ(s, 0x10);

    CHECK_EQ(fdt_reg(&t.f, node(&t, "/ovf/dev@1000"), 0, &a, &s), -ERANGE);
    CHECK_EQ(fdt_reg(&t.f, node(&t, "/pci/dev@0"), 0, &a, &s), -EOPNOTSUPP);
    CHECK_EQ(fdt_reg(&t.f, node(&t, "/badreg/dev@0"), 0, &a, &s), -EINVAL);
    CHECK_EQ(fdt_reg(&t.f, fdt_root(&t.f), 0, &a, &s), -ENOENT);

    n = node(&t, "/cpus/cpu@100"); /* #size-cells = 0 */
    CHECK_EQ(fdt_reg_raw(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0x100);
    CHECK_EQ(s, 0);
    free(t.blob);
}

TEST(fdt_interrupts)
{
    struct tree t;
    uint32_t irq = 0;
    int gic, n;

    REQUIRE(tree_load(&t, "translate.dtb"));
    gic = node(&t, "/interrupt-controller@8000000");
    CHECK_EQ(fdt_gic_version(&t.f, gic), 2);
    CHECK_EQ(fdt_gic_version(&t.f, node(&t, "/interrupt-controller@9000000")), 3);
    CHECK_EQ(fdt_gic_version(&t.f, node(&t, "/legacy-intc")), 0);

    n = node(&t, "/soc/serial@7e201000"); /* root's interrupt-parent */
    CHECK_EQ(fdt_irq_parent(&t.f, n), gic);
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), 0);
    CHECK_EQ(irq, 153);
    CHECK_EQ(fdt_irq(&t.f, n, 1, &irq), -ENOENT);

    n = node(&t, "/timer");
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), 0);
    CHECK_EQ(irq, 29);
    CHECK_EQ(fdt_irq(&t.f, n, 1, &irq), 0);
    CHECK_EQ(irq, 30);
    CHECK_EQ(fdt_irq(&t.f, n, 2, &irq), 0);
    CHECK_EQ(irq, 27);
    CHECK_EQ(fdt_irq(&t.f, n, 3, &irq), 0);
    CHECK_EQ(irq, 26);
    CHECK_EQ(fdt_irq(&t.f, n, 4, &irq), -ENOENT);

    n = node(&t, "/soc/bus@7e100000/timer@3000"); /* bus's legacy controller */
    CHECK_EQ(fdt_irq_parent(&t.f, n), node(&t, "/legacy-intc"));
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), -EOPNOTSUPP);

    n = node(&t, "/soc/bus@7e100000/deep/leaf@20"); /* interrupts-extended */
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), 0);
    CHECK_EQ(irq, 37);
    CHECK_EQ(fdt_irq(&t.f, n, 1, &irq), 0);
    CHECK_EQ(irq, 25);
    CHECK_EQ(fdt_irq(&t.f, n, 2, &irq), 0);
    CHECK_EQ(irq, 4101);
    CHECK_EQ(fdt_irq(&t.f, n, 3, &irq), -ENOENT);

    n = node(&t, "/espi"); /* 4-cell GICv3 specifiers */
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), 0);
    CHECK_EQ(irq, 4101);
    CHECK_EQ(fdt_irq(&t.f, n, 1, &irq), 0);
    CHECK_EQ(irq, 1058);
    CHECK_EQ(fdt_irq(&t.f, n, 2, &irq), 0);
    CHECK_EQ(irq, 33);

    n = node(&t, "/badirq");
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), -EINVAL); /* PPI 16 */
    CHECK_EQ(fdt_irq(&t.f, n, 1, &irq), -EINVAL); /* SPI 988 */
    CHECK_EQ(fdt_irq(&t.f, n, 2, &irq), -EINVAL); /* extended SPI on GICv2 */
    CHECK_EQ(fdt_irq(&t.f, n, 3, &irq), -EINVAL); /* unknown type */

    CHECK_EQ(fdt_irq_parent(&t.f, node(&t, "/loop1")), -ELOOP);
    CHECK_EQ(fdt_irq(&t.f, node(&t, "/loop1"), 0, &irq), -ELOOP);
    CHECK_EQ(fdt_irq(&t.f, node(&t, "/chosen"), 0, &irq), -ENOENT);
    free(t.blob);
}

/* --- Real blobs ---------------------------------------------------------- */

TEST(fdt_qemu_virt_values)
{
    struct tree t;
    uint64_t a, s;
    uint32_t irq;
    int n;

    REQUIRE(tree_load(&t, "qemu-virt.dtb"));
    n = fdt_find_compatible(&t.f, -1, "arm,pl011");
    REQUIRE(n > 0);
    CHECK_STR(fdt_node_name(&t.f, n, NULL), "pl011@9000000");
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0x09000000);
    CHECK_EQ(s, 0x1000);
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), 0);
    CHECK_EQ(irq, 33);
    CHECK_EQ(node(&t, "serial0"), n);
    n = fdt_find_compatible(&t.f, -1, "arm,cortex-a15-gic");
    CHECK_EQ(fdt_reg(&t.f, n, 1, &a, &s), 0);
    CHECK_EQ(a, 0x08010000);
    /* The v2m frame sits under the GIC, whose ranges is empty. */
    CHECK_EQ(fdt_reg(&t.f, fdt_first_child(&t.f, n), 0, &a, &s), 0);
    CHECK_EQ(a, 0x08020000);
    free(t.blob);
}

TEST(fdt_rpi4_values)
{
    struct tree t;
    uint64_t a, s;
    uint32_t irq;
    int n, count;

    REQUIRE(tree_load(&t, "rpi4b.dtb"));
    n = node(&t, "/soc/serial@7e201000");
    REQUIRE(n > 0);
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xfe201000);
    CHECK_EQ(s, 0x200);
    CHECK_EQ(fdt_irq(&t.f, n, 0, &irq), 0);
    CHECK_EQ(irq, 153);
    CHECK_EQ(fdt_gic_version(&t.f, fdt_irq_parent(&t.f, n)), 2);
    CHECK_EQ(node(&t, "serial0"), n);
    n = fdt_find_compatible(&t.f, -1, "arm,gic-400");
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xff841000);
    CHECK_EQ(fdt_reg(&t.f, n, 1, &a, &s), 0);
    CHECK_EQ(a, 0xff842000);
    /* The mini UART's interrupt goes through the GIC too, the legacy
     * bcm2711 armctrl is only reachable through explicit parents. */
    n = node(&t, "/soc/serial@7e215040");
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xfe215040);
    /* Every pl011, four of them disabled. */
    count = 0;
    for (n = fdt_find_compatible(&t.f, -1, "arm,pl011"); n >= 0;
         n = fdt_find_compatible(&t.f, n, "arm,pl011"))
        count += fdt_node_is_enabled(&t.f, n) ? 100 : 1;
    CHECK_EQ(count, 104);
    /* The mmc under /emmc2bus: a bus with 2-cell addresses and its own ranges. */
    n = node(&t, "/emmc2bus/mmc@7e340000");
    CHECK_EQ(fdt_reg(&t.f, n, 0, &a, &s), 0);
    CHECK_EQ(a, 0xfe340000);
    free(t.blob);
}
