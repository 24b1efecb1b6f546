/*
 * kernel/fdt.c — bounds-checked flattened device tree reader; see
 * keel/fdt.h for the contract.
 *
 * Layout reminder: a 40-byte header (36 before version 17), the memory
 * reservation map (pairs of big-endian u64, ended by 0/0), the structure
 * block (big-endian u32 tokens, 4-aligned) and the strings block (property
 * names).  Tokens: BEGIN_NODE + NUL-terminated name, padded to 4; PROP +
 * len + nameoff + value, padded to 4; END_NODE; NOP; END.
 *
 * Termination: every token advances the offset by at least 4 bytes and all
 * offsets are checked against the end of the structure block, so each walk
 * runs at most struct_size / 4 steps.  Nesting is bounded by FDT_MAX_DEPTH.
 */
#include <keel/fdt.h>
#include <keel/string.h>

#include <abi/errno.h>

#define TOK_BEGIN_NODE 1u
#define TOK_END_NODE 2u
#define TOK_PROP 3u
#define TOK_NOP 4u
#define TOK_END 9u

#define HDR_V16_SIZE 36u
#define HDR_V17_SIZE 40u

#define MAX_IRQ_HOPS 64 /* interrupt-parent links followed at most */

static int fail(const char **why, const char *reason, int err)
{
    if (why)
        *why = reason;
    return err;
}

/* --- Tokens -------------------------------------------------------------- */

/*
 * token_at: decode the token at blob offset `off`.  Returns its tag and sets
 * *next to the following token's offset, or returns -EINVAL if the token is
 * unknown, misaligned or does not lie wholly inside the structure block.
 */
static int token_at(const struct fdt *f, int off, uint32_t *next)
{
    uint32_t end = f->struct_off + f->struct_size;
    uint32_t o, p, tag;

    if (off < 0)
        return -EINVAL;
    o = (uint32_t)off;
    if (o < f->struct_off || o >= end || end - o < 4 || (o - f->struct_off) % 4)
        return -EINVAL;
    tag = fdt_be32(f->blob + o);
    p = o + 4;
    switch (tag) {
    case TOK_BEGIN_NODE: {
        uint32_t room = end - p;
        uint32_t n = (uint32_t)strnlen((const char *)f->blob + p, room);
        if (n == room)
            return -EINVAL;
        p += n + 1;
        break;
    }
    case TOK_PROP: {
        uint32_t len;
        if (end - p < 8)
            return -EINVAL;
        len = fdt_be32(f->blob + p);
        p += 8;
        if (len > end - p)
            return -EINVAL;
        p += len;
        break;
    }
    case TOK_END_NODE:
    case TOK_NOP:
    case TOK_END:
        break;
    default:
        return -EINVAL;
    }
    *next = (p + 3) & ~3u;
    return (int)tag;
}

/* The NUL-terminated string at `nameoff` in the strings block, or NULL. */
static const char *string_at(const struct fdt *f, uint32_t nameoff)
{
    const char *s;
    uint32_t room;

    if (nameoff >= f->strings_size)
        return NULL;
    s = (const char *)f->blob + f->strings_off + nameoff;
    room = f->strings_size - nameoff;
    if (strnlen(s, room) == room)
        return NULL;
    return s;
}

/* Whether `node` is a BEGIN_NODE token; *next gets the token after it. */
static bool is_node(const struct fdt *f, int node, uint32_t *next)
{
    uint32_t n;

    if (token_at(f, node, &n) != (int)TOK_BEGIN_NODE)
        return false;
    if (next)
        *next = n;
    return true;
}

/* --- Header and validation ----------------------------------------------- */

static bool block_inside(uint32_t off, uint32_t size, uint32_t hdr, uint32_t total)
{
    return off >= hdr && off <= total && size <= total - off;
}

static int validate_struct(const struct fdt *f, const char **why)
{
    uint32_t off = f->struct_off, next;
    int depth = 0;
    bool root_seen = false;

    for (;;) {
        int tag = token_at(f, (int)off, &next);

        if (tag < 0)
            return fail(why, "fdt: malformed or truncated token in the structure block", -EINVAL);
        switch ((uint32_t)tag) {
        case TOK_BEGIN_NODE:
            if (depth == 0) {
                if (root_seen)
                    return fail(why, "fdt: more than one root node", -EINVAL);
                root_seen = true;
            }
            if (++depth > FDT_MAX_DEPTH)
                return fail(why, "fdt: nodes nested too deeply", -EINVAL);
            break;
        case TOK_END_NODE:
            if (depth == 0)
                return fail(why, "fdt: END_NODE without an open node", -EINVAL);
            depth--;
            break;
        case TOK_PROP:
            if (depth == 0)
                return fail(why, "fdt: property outside any node", -EINVAL);
            if (!string_at(f, fdt_be32(f->blob + off + 8)))
                return fail(why, "fdt: property name outside the strings block", -EINVAL);
            break;
        case TOK_NOP:
            break;
        case TOK_END:
            if (depth != 0 || !root_seen)
                return fail(why, "fdt: END token inside a node or before the root", -EINVAL);
            return 0;
        }
        off = next;
    }
}

/* Validate everything but the structure block; fill *t. */
static int check_header(struct fdt *t, const uint8_t *b, size_t max_size, const char **why)
{
    uint32_t total, version, last, hdr, off, rsv;

    if (!b)
        return fail(why, "fdt: no blob", -EINVAL);
    if (max_size < HDR_V16_SIZE)
        return fail(why, "fdt: buffer smaller than the header", -EINVAL);
    if (fdt_be32(b) != FDT_MAGIC)
        return fail(why, "fdt: bad magic (not a device tree blob)", -EINVAL);
    total = fdt_be32(b + 4);
    version = fdt_be32(b + 20);
    last = fdt_be32(b + 24);
    if (version < 16)
        return fail(why, "fdt: version older than 16", -EOPNOTSUPP);
    if (last > 17)
        return fail(why, "fdt: last_comp_version newer than 17", -EOPNOTSUPP);
    hdr = version >= 17 ? HDR_V17_SIZE : HDR_V16_SIZE;
    if (total < hdr)
        return fail(why, "fdt: totalsize smaller than the header", -EINVAL);
    if (total > max_size)
        return fail(why, "fdt: totalsize exceeds the buffer (truncated blob?)", -EINVAL);
    if (total > FDT_MAX_TOTALSIZE)
        return fail(why, "fdt: totalsize too large", -EINVAL);

    t->blob = b;
    t->totalsize = total;
    t->version = version;
    t->boot_cpuid = fdt_be32(b + 28);
    t->struct_off = fdt_be32(b + 8);
    t->strings_off = fdt_be32(b + 12);
    t->rsvmap_off = fdt_be32(b + 16);
    t->strings_size = fdt_be32(b + 32);
    if (version >= 17)
        t->struct_size = fdt_be32(b + 36);
    else
        t->struct_size = t->struct_off <= total ? total - t->struct_off : 0;

    if (t->struct_off % 4)
        return fail(why, "fdt: misaligned structure block", -EINVAL);
    if (!block_inside(t->struct_off, t->struct_size, hdr, total))
        return fail(why, "fdt: structure block outside the blob", -EINVAL);
    if (!block_inside(t->strings_off, t->strings_size, hdr, total))
        return fail(why, "fdt: strings block outside the blob", -EINVAL);
    rsv = t->rsvmap_off;
    if (rsv % 8)
        return fail(why, "fdt: misaligned memory reservation map", -EINVAL);
    if (rsv < hdr || rsv > total)
        return fail(why, "fdt: memory reservation map outside the blob", -EINVAL);
    for (off = rsv;; off += 16) {
        if (total - off < 16)
            return fail(why, "fdt: memory reservation map not terminated", -EINVAL);
        if (fdt_be64(b + off) == 0 && fdt_be64(b + off + 8) == 0)
            return 0;
    }
}

int fdt_init(struct fdt *f, const void *blob, size_t max_size, const char **why)
{
    struct fdt t;
    int r;

    memset(&t, 0, sizeof t);
    memset(f, 0, sizeof *f);
    r = check_header(&t, blob, max_size, why);
    if (r == 0)
        r = validate_struct(&t, why);
    if (r == 0)
        *f = t;
    return r;
}

int fdt_check(const void *blob, size_t max_size, const char **why)
{
    struct fdt f;

    return fdt_init(&f, blob, max_size, why);
}

int fdt_memreserve(const struct fdt *f, unsigned index, uint64_t *base, uint64_t *size)
{
    uint32_t off = f->rsvmap_off;

    if (!f->blob)
        return -EINVAL;
    for (unsigned i = 0;; i++, off += 16) {
        uint64_t b, s;

        if (off < f->rsvmap_off || off > f->totalsize || f->totalsize - off < 16)
            return -EINVAL;
        b = fdt_be64(f->blob + off);
        s = fdt_be64(f->blob + off + 8);
        if (b == 0 && s == 0)
            return -ENOENT;
        if (i == index) {
            *base = b;
            *size = s;
            return 0;
        }
    }
}

/* --- Nodes --------------------------------------------------------------- */

int fdt_root(const struct fdt *f)
{
    uint32_t off, next;

    if (!f->blob)
        return -EINVAL;
    for (off = f->struct_off;; off = next) {
        int tag = token_at(f, (int)off, &next);
        if (tag == (int)TOK_BEGIN_NODE)
            return (int)off;
        if (tag != (int)TOK_NOP)
            return -EINVAL;
    }
}

int fdt_next_node(const struct fdt *f, int node, int *depth)
{
    uint32_t off;

    if (!is_node(f, node, &off))
        return -EINVAL;
    for (;;) {
        uint32_t next;
        int tag = token_at(f, (int)off, &next);

        switch (tag) {
        case TOK_BEGIN_NODE:
            if (depth)
                (*depth)++;
            return (int)off;
        case TOK_END_NODE:
            if (depth && --(*depth) < 0)
                return -ENOENT;
            break;
        case TOK_PROP:
        case TOK_NOP:
            break;
        case TOK_END:
            return -ENOENT;
        default:
            return -EINVAL;
        }
        off = next;
    }
}

int fdt_first_child(const struct fdt *f, int node)
{
    int depth = 0;
    int n = fdt_next_node(f, node, &depth);

    if (n < 0)
        return n;
    return depth == 1 ? n : -ENOENT;
}

int fdt_next_sibling(const struct fdt *f, int node)
{
    int depth = 1;
    int n = node;

    do {
        n = fdt_next_node(f, n, &depth);
        if (n < 0)
            return n;
        if (depth < 1)
            return -ENOENT;
    } while (depth > 1);
    return n;
}

/*
 * chain_to: fill chain[0..*n) with the nodes from the root down to `node`
 * (inclusive).  Returns 0, or -ENOENT if `node` is not in the tree.
 */
static int chain_to(const struct fdt *f, int node, int chain[FDT_MAX_DEPTH], int *n)
{
    int depth = 0;
    int off = fdt_root(f);

    if (off < 0)
        return off;
    if (!is_node(f, node, NULL))
        return -EINVAL;
    chain[0] = off;
    while (off != node) {
        off = fdt_next_node(f, off, &depth);
        if (off < 0)
            return off == -EINVAL ? -EINVAL : -ENOENT;
        if (depth < 0 || depth >= FDT_MAX_DEPTH)
            return -EINVAL;
        chain[depth] = off;
    }
    *n = depth + 1;
    return 0;
}

int fdt_parent(const struct fdt *f, int node)
{
    int chain[FDT_MAX_DEPTH], n;
    int r = chain_to(f, node, chain, &n);

    if (r < 0)
        return r;
    return n >= 2 ? chain[n - 2] : -ENOENT;
}

const char *fdt_node_name(const struct fdt *f, int node, size_t *len)
{
    const char *name;

    if (!is_node(f, node, NULL))
        return NULL;
    name = (const char *)f->blob + node + 4;
    if (len)
        *len = strlen(name);
    return name;
}

static bool name_matches(const char *name, const char *want, size_t wlen)
{
    size_t nlen = strlen(name);

    if (nlen < wlen || memcmp(name, want, wlen) != 0)
        return false;
    if (nlen == wlen)
        return true;
    return name[wlen] == '@' && !memchr(want, '@', wlen);
}

int fdt_subnode(const struct fdt *f, int parent, const char *name, size_t namelen)
{
    int n;

    for (n = fdt_first_child(f, parent); n >= 0; n = fdt_next_sibling(f, n)) {
        const char *nn = fdt_node_name(f, n, NULL);
        if (nn && name_matches(nn, name, namelen))
            return n;
    }
    return n;
}

/* Resolve the components of p[0..end) below `node`. */
static int walk_path(const struct fdt *f, int node, const char *p, const char *end)
{
    while (p < end && node >= 0) {
        const char *q;

        if (*p == '/') {
            p++;
            continue;
        }
        for (q = p; q < end && *q != '/'; q++)
            ;
        node = fdt_subnode(f, node, p, (size_t)(q - p));
        p = q;
    }
    return node;
}

int fdt_path_offset_len(const struct fdt *f, const char *path, size_t len)
{
    const char *end, *p = path;
    int node;

    if (!path || len == 0)
        return -EINVAL;
    end = path + len;
    if (*p == '/') {
        node = fdt_root(f);
    } else {
        const char *q, *value;
        uint32_t vlen;
        int aliases;

        for (q = p; q < end && *q != '/'; q++)
            ;
        aliases = fdt_path_offset_len(f, "/aliases", 8);
        if (aliases < 0)
            return aliases;
        value = fdt_getprop_namelen(f, aliases, p, (size_t)(q - p), &vlen);
        if (!value || vlen == 0 || strnlen(value, vlen) == vlen || value[0] != '/')
            return -ENOENT;
        node = walk_path(f, fdt_root(f), value, value + strlen(value));
        p = q;
    }
    return walk_path(f, node, p, end);
}

int fdt_path_offset(const struct fdt *f, const char *path)
{
    if (!path)
        return -EINVAL;
    return fdt_path_offset_len(f, path, strlen(path));
}

int fdt_find_compatible(const struct fdt *f, int after, const char *compat)
{
    int n;

    if (after < 0) {
        n = fdt_root(f);
        if (n >= 0 && fdt_node_is_compatible(f, n, compat))
            return n;
    } else {
        n = after;
    }
    while (n >= 0) {
        n = fdt_next_node(f, n, NULL);
        if (n >= 0 && fdt_node_is_compatible(f, n, compat))
            return n;
    }
    return n;
}

int fdt_find_phandle(const struct fdt *f, uint32_t phandle)
{
    int n;

    if (phandle == 0 || phandle == 0xffffffffu)
        return -EINVAL;
    for (n = fdt_root(f); n >= 0; n = fdt_next_node(f, n, NULL)) {
        uint32_t v;
        if ((fdt_getprop_u32(f, n, "phandle", &v) == 0 && v == phandle) ||
            (fdt_getprop_u32(f, n, "linux,phandle", &v) == 0 && v == phandle))
            return n;
    }
    return n;
}

/* --- Properties ---------------------------------------------------------- */

/* Skip NOPs from `off`; the offset of the PROP found there, or -ENOENT. */
static int prop_from(const struct fdt *f, uint32_t off)
{
    for (;;) {
        uint32_t next;
        int tag = token_at(f, (int)off, &next);

        if (tag == (int)TOK_PROP)
            return (int)off;
        if (tag != (int)TOK_NOP)
            return tag < 0 ? tag : -ENOENT;
        off = next;
    }
}

int fdt_first_prop(const struct fdt *f, int node)
{
    uint32_t off;

    if (!is_node(f, node, &off))
        return -EINVAL;
    return prop_from(f, off);
}

int fdt_next_prop(const struct fdt *f, int prop)
{
    uint32_t next;

    if (token_at(f, prop, &next) != (int)TOK_PROP)
        return -EINVAL;
    return prop_from(f, next);
}

const void *fdt_prop_value(const struct fdt *f, int prop, const char **name, uint32_t *len)
{
    uint32_t next;
    const char *pn;

    if (token_at(f, prop, &next) != (int)TOK_PROP)
        return NULL;
    pn = string_at(f, fdt_be32(f->blob + prop + 8));
    if (!pn)
        return NULL;
    if (name)
        *name = pn;
    if (len)
        *len = fdt_be32(f->blob + prop + 4);
    return f->blob + prop + 12;
}

const void *fdt_getprop_namelen(const struct fdt *f, int node, const char *name, size_t namelen,
                                uint32_t *len)
{
    int p;

    for (p = fdt_first_prop(f, node); p >= 0; p = fdt_next_prop(f, p)) {
        const char *pn;
        uint32_t plen;
        const void *v = fdt_prop_value(f, p, &pn, &plen);

        if (v && strlen(pn) == namelen && memcmp(pn, name, namelen) == 0) {
            if (len)
                *len = plen;
            return v;
        }
    }
    return NULL;
}

const void *fdt_getprop(const struct fdt *f, int node, const char *name, uint32_t *len)
{
    return fdt_getprop_namelen(f, node, name, strlen(name), len);
}

const char *fdt_getprop_string(const struct fdt *f, int node, const char *name)
{
    uint32_t len;
    const char *v = fdt_getprop(f, node, name, &len);

    if (!v || len == 0 || strnlen(v, len) == len)
        return NULL;
    return v;
}

int fdt_getprop_u32(const struct fdt *f, int node, const char *name, uint32_t *out)
{
    uint32_t len;
    const void *v = fdt_getprop(f, node, name, &len);

    if (!v)
        return -ENOENT;
    if (len != 4)
        return -EINVAL;
    *out = fdt_be32(v);
    return 0;
}

int fdt_getprop_cells(const struct fdt *f, int node, const char *name, uint64_t *out)
{
    uint32_t len;
    const void *v = fdt_getprop(f, node, name, &len);

    if (!v)
        return -ENOENT;
    if (len != 4 && len != 8)
        return -EINVAL;
    *out = fdt_cells(v, len / 4);
    return 0;
}

bool fdt_stringlist_contains(const void *list, uint32_t len, const char *s)
{
    const char *p = list;
    size_t slen = strlen(s);

    while (len > 0) {
        size_t n = strnlen(p, len);
        if (n == len)
            return false; /* unterminated tail */
        if (n == slen && memcmp(p, s, n) == 0)
            return true;
        p += n + 1;
        len -= (uint32_t)(n + 1);
    }
    return false;
}

bool fdt_node_is_compatible(const struct fdt *f, int node, const char *compat)
{
    uint32_t len;
    const void *v = fdt_getprop(f, node, "compatible", &len);

    return v && fdt_stringlist_contains(v, len, compat);
}

bool fdt_node_is_enabled(const struct fdt *f, int node)
{
    uint32_t len;
    const char *status;

    if (!is_node(f, node, NULL))
        return false;
    if (!fdt_getprop(f, node, "status", &len))
        return true;
    status = fdt_getprop_string(f, node, "status");
    return status && (strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0);
}

/* --- Addresses ----------------------------------------------------------- */

static int cells_prop(const struct fdt *f, int node, const char *name, int dflt)
{
    uint32_t v;
    int r = fdt_getprop_u32(f, node, name, &v);

    if (r == -ENOENT)
        return is_node(f, node, NULL) ? dflt : -EINVAL;
    if (r < 0)
        return r;
    return v <= 4 ? (int)v : -EINVAL;
}

int fdt_address_cells(const struct fdt *f, int node)
{
    return cells_prop(f, node, "#address-cells", 2);
}

int fdt_size_cells(const struct fdt *f, int node)
{
    return cells_prop(f, node, "#size-cells", 1);
}

/* Read entry `index` of `node`'s reg, whose parent is `parent`. */
static int reg_entry(const struct fdt *f, int parent, int node, unsigned index, uint64_t *addr,
                     uint64_t *size)
{
    int ac = fdt_address_cells(f, parent);
    int sc = fdt_size_cells(f, parent);
    const uint8_t *reg;
    uint32_t len, entry;

    if (ac < 0 || sc < 0)
        return -EINVAL;
    if (ac < 1 || ac > 2 || sc > 2)
        return -EOPNOTSUPP;
    reg = fdt_getprop(f, node, "reg", &len);
    if (!reg)
        return -ENOENT;
    entry = (uint32_t)(ac + sc) * 4;
    if (len % entry)
        return -EINVAL;
    if (index >= len / entry)
        return -ENOENT;
    reg += (size_t)index * entry;
    *addr = fdt_cells(reg, (unsigned)ac);
    *size = sc ? fdt_cells(reg + ac * 4, (unsigned)sc) : 0;
    return 0;
}

int fdt_reg_raw(const struct fdt *f, int node, unsigned index, uint64_t *addr, uint64_t *size)
{
    int parent = fdt_parent(f, node);

    if (parent < 0)
        return parent;
    return reg_entry(f, parent, node, index, addr, size);
}

/*
 * translate_chain: translate *addr from the bus space of chain[bus] up to
 * the root through each node's "ranges".
 */
static int translate_chain(const struct fdt *f, const int *chain, int bus, uint64_t *addr)
{
    uint64_t a = *addr;

    for (int i = bus; i > 0; i--) {
        int b = chain[i], p = chain[i - 1];
        int ca, pa, sc;
        const uint8_t *r;
        uint32_t len, entry, k;
        bool found = false;

        r = fdt_getprop(f, b, "ranges", &len);
        if (!r)
            return -ENXIO;
        if (len == 0)
            continue; /* identity */
        ca = fdt_address_cells(f, b);
        pa = fdt_address_cells(f, p);
        sc = fdt_size_cells(f, b);
        if (ca < 0 || pa < 0 || sc < 0)
            return -EINVAL;
        if (ca < 1 || ca > 2 || pa < 1 || pa > 2 || sc < 1 || sc > 2)
            return -EOPNOTSUPP;
        entry = (uint32_t)(ca + pa + sc) * 4;
        if (len % entry)
            return -EINVAL;
        for (k = 0; k < len / entry; k++, r += entry) {
            uint64_t child = fdt_cells(r, (unsigned)ca);
            uint64_t parent = fdt_cells(r + ca * 4, (unsigned)pa);
            uint64_t size = fdt_cells(r + (ca + pa) * 4, (unsigned)sc);

            if (a >= child && a - child < size) {
                uint64_t off = a - child;
                if (parent + off < parent)
                    return -ERANGE;
                a = parent + off;
                found = true;
                break;
            }
        }
        if (!found)
            return -ENXIO;
    }
    *addr = a;
    return 0;
}

int fdt_translate(const struct fdt *f, int bus, uint64_t *addr)
{
    int chain[FDT_MAX_DEPTH], n;
    int r = chain_to(f, bus, chain, &n);

    if (r < 0)
        return r;
    return translate_chain(f, chain, n - 1, addr);
}

int fdt_reg(const struct fdt *f, int node, unsigned index, uint64_t *addr, uint64_t *size)
{
    int chain[FDT_MAX_DEPTH], n;
    uint64_t a, s;
    int r = chain_to(f, node, chain, &n);

    if (r < 0)
        return r;
    if (n < 2)
        return -ENOENT; /* the root has no bus */
    r = reg_entry(f, chain[n - 2], node, index, &a, &s);
    if (r < 0)
        return r;
    r = translate_chain(f, chain, n - 2, &a);
    if (r < 0)
        return r;
    *addr = a;
    *size = s;
    return 0;
}

/* --- Interrupts ---------------------------------------------------------- */

unsigned fdt_gic_version(const struct fdt *f, int node)
{
    static const char *const v2[] = {
        "arm,gic-400",
        "arm,cortex-a15-gic",
        "arm,cortex-a9-gic",
        "arm,cortex-a7-gic",
    };

    if (fdt_node_is_compatible(f, node, "arm,gic-v3"))
        return 3;
    for (size_t i = 0; i < sizeof v2 / sizeof v2[0]; i++) {
        if (fdt_node_is_compatible(f, node, v2[i]))
            return 2;
    }
    return 0;
}

int fdt_irq_parent(const struct fdt *f, int node)
{
    int cur = node;

    for (int hops = 0; hops < MAX_IRQ_HOPS; hops++) {
        uint32_t ph;
        int p, r = fdt_getprop_u32(f, cur, "interrupt-parent", &ph);

        if (r == 0)
            p = fdt_find_phandle(f, ph);
        else if (r == -ENOENT)
            p = fdt_parent(f, cur);
        else
            return r;
        if (p < 0)
            return p == -EINVAL ? -EINVAL : -ENOENT;
        if (fdt_getprop(f, p, "#interrupt-cells", NULL))
            return p;
        cur = p;
    }
    return -ELOOP;
}

/* Decode one specifier of `cells` cells for controller `ctrl`. */
static int gic_intid(const struct fdt *f, int ctrl, const uint8_t *spec, uint32_t cells,
                     uint32_t *intid)
{
    unsigned v = fdt_gic_version(f, ctrl);
    uint32_t type, num;

    if (v == 0)
        return -EOPNOTSUPP;
    if (cells < 3)
        return -EINVAL;
    type = fdt_be32(spec);
    num = fdt_be32(spec + 4);
    switch (type) {
    case 0: /* SPI: INTIDs 32..1019 */
        if (num > 1019 - 32)
            return -EINVAL;
        *intid = num + 32;
        return 0;
    case 1: /* PPI: INTIDs 16..31 */
        if (num > 15)
            return -EINVAL;
        *intid = num + 16;
        return 0;
    case 2: /* GICv3.1 extended SPI: 4096..5119 */
        if (v != 3 || num > 1023)
            return -EINVAL;
        *intid = num + 4096;
        return 0;
    case 3: /* GICv3.1 extended PPI: 1056..1119 */
        if (v != 3 || num > 63)
            return -EINVAL;
        *intid = num + 1056;
        return 0;
    default:
        return -EINVAL;
    }
}

static int interrupt_cells(const struct fdt *f, int ctrl, uint32_t *cells)
{
    int r = fdt_getprop_u32(f, ctrl, "#interrupt-cells", cells);

    if (r < 0)
        return r == -ENOENT ? -EINVAL : r;
    if (*cells < 1 || *cells > 4)
        return -EINVAL;
    return 0;
}

int fdt_irq(const struct fdt *f, int node, unsigned index, uint32_t *intid)
{
    const uint8_t *v;
    uint32_t len, cells;
    int ctrl, r;

    v = fdt_getprop(f, node, "interrupts-extended", &len);
    if (v) {
        const uint8_t *end = v + len;

        if (len % 4)
            return -EINVAL;
        for (unsigned i = 0; v < end; i++) {
            if (end - v < 4)
                return -EINVAL;
            ctrl = fdt_find_phandle(f, fdt_be32(v));
            if (ctrl < 0)
                return -EINVAL;
            r = interrupt_cells(f, ctrl, &cells);
            if (r < 0)
                return r;
            v += 4;
            if ((size_t)(end - v) < cells * 4)
                return -EINVAL;
            if (i == index)
                return gic_intid(f, ctrl, v, cells, intid);
            v += cells * 4;
        }
        return -ENOENT;
    }

    v = fdt_getprop(f, node, "interrupts", &len);
    if (!v)
        return -ENOENT;
    ctrl = fdt_irq_parent(f, node);
    if (ctrl < 0)
        return ctrl;
    r = interrupt_cells(f, ctrl, &cells);
    if (r < 0)
        return r;
    if (len % (cells * 4))
        return -EINVAL;
    if (index >= len / (cells * 4))
        return -ENOENT;
    return gic_intid(f, ctrl, v + (size_t)index * cells * 4, cells, intid);
}
