/*
 * keel/fdt.h — a small, bounds-checked reader of flattened device trees
 * (Devicetree Specification v0.4, "DTB format"; versions 16 and 17).
 *
 * fdt_init() validates the header and walks the whole structure block once
 * (token syntax, nesting depth, property name offsets), so a blob that
 * passes is well formed.  Every accessor still checks every offset it reads
 * against the blocks, so no call reads outside [blob, blob + totalsize) and
 * every loop is bounded by the block size.  The blob may be unaligned; all
 * multi-byte values are read byte by byte.  Nothing here writes to the blob
 * or keeps state outside the caller's struct fdt.
 *
 * Nodes are named by an int: the offset of their FDT_BEGIN_NODE token in the
 * blob (>= 0).  Functions that return a node return a negative errno
 * (abi/errno.h) instead when there is none (-ENOENT) or the blob or the
 * argument is malformed (-EINVAL, -EOPNOTSUPP, ...).
 */
#ifndef KEEL_FDT_H
#define KEEL_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_MAX_DEPTH 32 /* deeper nesting (root = depth 1) is rejected */
#define FDT_MAX_TOTALSIZE 0x7fffffffu

struct fdt {
    const uint8_t *blob;
    uint32_t totalsize;
    uint32_t version;
    uint32_t boot_cpuid;
    uint32_t rsvmap_off;
    uint32_t struct_off, struct_size;
    uint32_t strings_off, strings_size;
};

/* Big-endian loads from any address. */
static inline uint32_t fdt_be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t fdt_be64(const void *p)
{
    return (uint64_t)fdt_be32(p) << 32 | fdt_be32((const uint8_t *)p + 4);
}

/* The value of `n` (1 or 2) big-endian cells at p; 0 for any other n. */
static inline uint64_t fdt_cells(const void *p, unsigned n)
{
    return n == 1 ? fdt_be32(p) : n == 2 ? fdt_be64(p) : 0;
}

/* --- The blob --------------------------------------------------------- */

/*
 * fdt_init: validate the blob at `blob`, of which at most `max_size` bytes
 * may be read, and fill *f.  Checks: magic, version >= 16, last_comp_version
 * <= 17, totalsize within max_size, the memory-reservation map (8-aligned,
 * terminated), the structure block (4-aligned) and strings block inside the
 * blob, and the whole structure block: known tokens, names and properties
 * inside the block, property names inside the strings block, one root node,
 * depth <= FDT_MAX_DEPTH, balanced nodes, an FDT_END token.  Returns 0, or a
 * negative errno with *why (if why is not NULL) set to a static reason.
 */
int fdt_init(struct fdt *f, const void *blob, size_t max_size, const char **why);

/* fdt_check: fdt_init() without keeping the result. */
int fdt_check(const void *blob, size_t max_size, const char **why);

/*
 * fdt_memreserve: entry `index` of the memory-reservation map.  Returns 0
 * with *base and *size set, or -ENOENT at and after the terminating entry.
 */
int fdt_memreserve(const struct fdt *f, unsigned index, uint64_t *base, uint64_t *size);

/* --- Nodes ------------------------------------------------------------ */

/* fdt_root: the root node. */
int fdt_root(const struct fdt *f);

/*
 * fdt_next_node: the node after `node` in document order.  If depth is not
 * NULL, *depth is adjusted by the nesting change (+1 for a child, 0 for a
 * sibling, -k after closing k levels) and the walk stops with -ENOENT as
 * soon as *depth would drop below 0: starting with *depth = 0 at a node
 * visits exactly its descendants.  With depth NULL the walk runs to the end
 * of the tree.
 */
int fdt_next_node(const struct fdt *f, int node, int *depth);

/* fdt_first_child / fdt_next_sibling: -ENOENT when there is none. */
int fdt_first_child(const struct fdt *f, int node);
int fdt_next_sibling(const struct fdt *f, int node);

/* fdt_parent: the parent of `node`; -ENOENT for the root.  O(tree size). */
int fdt_parent(const struct fdt *f, int node);

/*
 * fdt_node_name: the node's full name ("serial@7e201000", "" for the root),
 * NUL-terminated inside the blob; *len (if not NULL) gets its length.
 * NULL if `node` is not a node.
 */
const char *fdt_node_name(const struct fdt *f, int node, size_t *len);

/*
 * fdt_subnode: the first child of `parent` named name[0..namelen).  A name
 * without '@' also matches a child whose name is that plus "@unit-address".
 */
int fdt_subnode(const struct fdt *f, int parent, const char *name, size_t namelen);

/*
 * fdt_path_offset_len: the node at path[0..len), e.g. "/soc/serial@7e201000".
 * Empty components are skipped ("/" is the root).  If the path does not
 * start with '/', its first component is looked up in /aliases (the alias
 * value must itself be an absolute path) and the rest is resolved from
 * there, as stdout-path requires.  fdt_path_offset: the same for a
 * NUL-terminated path.
 */
int fdt_path_offset_len(const struct fdt *f, const char *path, size_t len);
int fdt_path_offset(const struct fdt *f, const char *path);

/*
 * fdt_find_compatible: the first node after `after` (or from the root,
 * inclusive, if after < 0) whose "compatible" list contains `compat`.
 */
int fdt_find_compatible(const struct fdt *f, int after, const char *compat);

/* fdt_find_phandle: the node whose "phandle" (or "linux,phandle") is `ph`. */
int fdt_find_phandle(const struct fdt *f, uint32_t phandle);

/* --- Properties ------------------------------------------------------- */

/*
 * fdt_getprop: the value of property `name` of `node` and (if len is not
 * NULL) its length; NULL if absent or `node` is not a node.  An empty
 * property gives a non-NULL pointer and length 0.  The value lies inside the
 * blob and is not aligned.  fdt_getprop_namelen: the same for a name given
 * as name[0..namelen).
 */
const void *fdt_getprop(const struct fdt *f, int node, const char *name, uint32_t *len);
const void *fdt_getprop_namelen(const struct fdt *f, int node, const char *name, size_t namelen,
                                uint32_t *len);

/*
 * Property iteration: fdt_first_prop(node), then fdt_next_prop(prop), each
 * returning a property offset or -ENOENT; fdt_prop_value() gives the name,
 * value and length of one (NULL if `prop` is not a property).
 */
int fdt_first_prop(const struct fdt *f, int node);
int fdt_next_prop(const struct fdt *f, int prop);
const void *fdt_prop_value(const struct fdt *f, int prop, const char **name, uint32_t *len);

/*
 * fdt_getprop_string: the property's first string, or NULL if absent or not
 * NUL-terminated inside the property.
 */
const char *fdt_getprop_string(const struct fdt *f, int node, const char *name);

/* fdt_getprop_u32: one cell.  0, -ENOENT, or -EINVAL if the length is not 4. */
int fdt_getprop_u32(const struct fdt *f, int node, const char *name, uint32_t *out);

/* fdt_getprop_cells: one or two cells (length 4 or 8).  0, -ENOENT or -EINVAL. */
int fdt_getprop_cells(const struct fdt *f, int node, const char *name, uint64_t *out);

/* fdt_stringlist_contains: whether the string list list[0..len) holds s. */
bool fdt_stringlist_contains(const void *list, uint32_t len, const char *s);

/* fdt_node_is_compatible: whether `node`'s "compatible" list holds compat. */
bool fdt_node_is_compatible(const struct fdt *f, int node, const char *compat);

/* fdt_node_is_enabled: "status" absent, "okay" or "ok". */
bool fdt_node_is_enabled(const struct fdt *f, int node);

/* --- Addresses -------------------------------------------------------- */

/*
 * fdt_address_cells / fdt_size_cells: the node's "#address-cells" (default
 * 2) / "#size-cells" (default 1), which describe its children's addresses.
 * Returns 0..4, or -EINVAL if the property is malformed or larger.
 */
int fdt_address_cells(const struct fdt *f, int node);
int fdt_size_cells(const struct fdt *f, int node);

/*
 * fdt_reg_raw: entry `index` of `node`'s "reg", in its parent's bus address
 * space (#address-cells 1..2, #size-cells 0..2; *size is 0 for 0 cells).
 * Returns 0, -ENOENT (no reg or no such entry), -EINVAL (malformed) or
 * -EOPNOTSUPP (cell counts beyond 64-bit values, e.g. PCI).
 */
int fdt_reg_raw(const struct fdt *f, int node, unsigned index, uint64_t *addr, uint64_t *size);

/*
 * fdt_translate: translate *addr, an address in the bus space of `bus`'s
 * children, into a CPU physical address through the "ranges" of `bus` and
 * each of its ancestors: an empty "ranges" is the identity, a missing one
 * makes the address untranslatable.  Returns 0 with *addr updated, -ENXIO
 * if not translatable (no "ranges", or no range covers the address),
 * -ERANGE on overflow, -EINVAL / -EOPNOTSUPP as fdt_reg_raw.
 */
int fdt_translate(const struct fdt *f, int bus, uint64_t *addr);

/* fdt_reg: fdt_reg_raw() then fdt_translate() through the parent. */
int fdt_reg(const struct fdt *f, int node, unsigned index, uint64_t *addr, uint64_t *size);

/* --- Interrupts ------------------------------------------------------- */

/*
 * fdt_gic_version: 2 for an "arm,gic-400", "arm,cortex-a15-gic",
 * "arm,cortex-a9-gic" or "arm,cortex-a7-gic" node, 3 for "arm,gic-v3",
 * 0 for anything else.
 */
unsigned fdt_gic_version(const struct fdt *f, int node);

/*
 * fdt_irq_parent: the interrupt controller that `node`'s "interrupts" refer
 * to: follow "interrupt-parent" (or, where absent, the tree parent) until a
 * node with "#interrupt-cells".  -ENOENT if there is none, -ELOOP on a
 * phandle cycle.
 */
int fdt_irq_parent(const struct fdt *f, int node);

/*
 * fdt_irq: interrupt `index` of `node` as a GIC INTID, from
 * "interrupts-extended" if present, else from "interrupts" with the
 * controller from fdt_irq_parent().  The controller must be a GIC
 * (fdt_gic_version() != 0) with #interrupt-cells >= 3: SPI (type 0) n ->
 * n + 32, PPI (type 1) n -> n + 16, and on GICv3 extended SPI (2) n ->
 * n + 4096 and extended PPI (3) n -> n + 1056.  Returns 0, -ENOENT (no such
 * interrupt), -EOPNOTSUPP (controller is not a GIC, e.g. the Pi's legacy
 * armctrl) or -EINVAL (malformed specifier or number out of range).
 */
int fdt_irq(const struct fdt *f, int node, unsigned index, uint32_t *intid);

#endif
