/*
 * vfs/tmpfs.c — the in-memory file system: directories as arrays of names
 * in creation order (cookie = sequence number), regular files as arrays of
 * 4 KiB pages with holes, symbolic links as strings.  Every allocation is
 * charged to the server's budget first (-ENOSPC), so a full tmpfs fails
 * cleanly instead of exhausting the server's memory.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NODE_COST ((uint64_t)sizeof(struct vnode))
#define SLOT_COST ((uint64_t)sizeof(unsigned char *))
#define SLOT_CHUNK 64       /* page slots grow in these steps */
#define BOGO_DIRENT_SIZE 20 /* Linux tmpfs reports (entries + 2) * 20 as a directory's size */

static const unsigned char zero_page[TMPFS_PAGE];

static uint64_t dirent_cost(size_t len)
{
    return sizeof(struct vdirent) + len + 1 + sizeof(struct vdirent *);
}

static void touch_dir(struct vfs *v, struct vnode *dir)
{
    dir->mtime = dir->ctime = vfs_now(v);
}

/* ---- nodes ---------------------------------------------------------------- */

static int node_new(struct vfs *v, struct fs *fs, uint32_t mode, struct vnode **out)
{
    struct vnode *n;

    if (vfs_charge(v, fs, NODE_COST))
        return -ENOSPC;
    n = node_alloc(v, fs, mode);
    if (!n) {
        vfs_uncharge(v, fs, NODE_COST);
        return -ENOMEM;
    }
    if (IS_DIR(n)) {
        n->nlink = 2;
        n->u.dir.next_seq = 2;
    }
    *out = n;
    return 0;
}

static void free_pages_from(struct vfs *v, struct vnode *n, uint64_t first)
{
    uint64_t i;

    for (i = first; i < n->u.reg.slots; i++) {
        if (n->u.reg.pages[i]) {
            free(n->u.reg.pages[i]);
            n->u.reg.pages[i] = NULL;
            vfs_uncharge(v, n->fs, TMPFS_PAGE);
        }
    }
}

static void free_slots(struct vfs *v, struct vnode *n)
{
    free(n->u.reg.pages);
    vfs_uncharge(v, n->fs, n->u.reg.slots * SLOT_COST);
    n->u.reg.pages = NULL;
    n->u.reg.slots = 0;
}

/* node_destroy: frees a node and its contents (a directory must be empty). */
static void node_destroy(struct vfs *v, struct vnode *n)
{
    struct fs *fs = n->fs;

    switch (S_TYPE(n->mode)) {
    case LINUX_S_IFREG:
        free_pages_from(v, n, 0);
        free_slots(v, n);
        break;
    case LINUX_S_IFDIR:
        free(n->u.dir.ents);
        break;
    case LINUX_S_IFLNK:
        free(n->u.lnk.target);
        vfs_uncharge(v, fs, (uint64_t)n->u.lnk.len + 1);
        break;
    default:
        break;
    }
    vfs_uncharge(v, fs, NODE_COST);
    node_free_struct(v, n);
}

static void maybe_destroy(struct vfs *v, struct vnode *n)
{
    if (n->nlink == 0 && n->refs == 0)
        node_destroy(v, n);
}

/* ---- directories ---------------------------------------------------------- */

static int find_index(const struct vnode *dir, const char *name, size_t len)
{
    uint32_t i;

    for (i = 0; i < dir->u.dir.count; i++) {
        const struct vdirent *e = dir->u.dir.ents[i];

        if (e->len == len && memcmp(e->name, name, len) == 0)
            return (int)i;
    }
    return -1;
}

struct vnode *tmpfs_find(struct vnode *dir, const char *name, size_t len)
{
    int i = find_index(dir, name, len);

    return i < 0 ? NULL : dir->u.dir.ents[i]->node;
}

int tmpfs_dir_empty(const struct vnode *dir)
{
    return dir->u.dir.count == 0;
}

/* dir_insert: appends name -> n.  force: charge even past the budget (a
 * rename, which frees as much right after). */
static int dir_insert(struct vfs *v, struct vnode *dir, const char *name, size_t len,
                      struct vnode *n, int force)
{
    struct vdirent *e;
    uint64_t cost = dirent_cost(len);

    if (force) {
        dir->fs->used += cost;
        v->used += cost;
    } else if (vfs_charge(v, dir->fs, cost)) {
        return -ENOSPC;
    }
    if (dir->u.dir.count == dir->u.dir.cap) {
        uint32_t cap = dir->u.dir.cap ? dir->u.dir.cap * 2 : 8;
        struct vdirent **ents = realloc(dir->u.dir.ents, cap * sizeof(struct vdirent *));

        if (!ents) {
            vfs_uncharge(v, dir->fs, cost);
            return -ENOMEM;
        }
        dir->u.dir.ents = ents;
        dir->u.dir.cap = cap;
    }
    e = malloc(sizeof *e + len + 1);
    if (!e) {
        vfs_uncharge(v, dir->fs, cost);
        return -ENOMEM;
    }
    e->node = n;
    e->seq = dir->u.dir.next_seq++;
    e->len = (uint32_t)len;
    memcpy(e->name, name, len);
    e->name[len] = 0;
    dir->u.dir.ents[dir->u.dir.count++] = e;
    return 0;
}

static void dir_remove_at(struct vfs *v, struct vnode *dir, uint32_t i)
{
    struct vdirent *e = dir->u.dir.ents[i];

    vfs_uncharge(v, dir->fs, dirent_cost(e->len));
    free(e);
    memmove(dir->u.dir.ents + i, dir->u.dir.ents + i + 1,
            (dir->u.dir.count - i - 1) * sizeof(struct vdirent *));
    dir->u.dir.count--;
}

/* ---- namespace changes ------------------------------------------------------- */

int tmpfs_create(struct vfs *v, struct vnode *dir, const char *name, size_t len, uint32_t mode,
                 uint32_t uid, uint32_t gid, uint64_t rdev, const char *target, size_t tlen,
                 struct vnode **out)
{
    struct vnode *n;
    int err = node_new(v, dir->fs, mode, &n);

    if (err)
        return err;
    n->uid = uid;
    n->gid = gid;
    if (S_TYPE(mode) == LINUX_S_IFCHR || S_TYPE(mode) == LINUX_S_IFBLK)
        n->rdev = rdev;
    if (IS_LNK(n)) {
        if (vfs_charge(v, dir->fs, (uint64_t)tlen + 1)) {
            node_destroy(v, n);
            return -ENOSPC;
        }
        n->u.lnk.target = malloc(tlen + 1);
        if (!n->u.lnk.target) {
            vfs_uncharge(v, dir->fs, (uint64_t)tlen + 1);
            node_destroy(v, n);
            return -ENOMEM;
        }
        memcpy(n->u.lnk.target, target, tlen);
        n->u.lnk.target[tlen] = 0;
        n->u.lnk.len = (uint32_t)tlen;
    }
    err = dir_insert(v, dir, name, len, n, 0);
    if (err) {
        n->nlink = 0;
        node_destroy(v, n);
        return err;
    }
    if (IS_DIR(n)) {
        n->parent = dir;
        dir->nlink++;
    }
    touch_dir(v, dir);
    *out = n;
    return 0;
}

int tmpfs_link(struct vfs *v, struct vnode *dir, const char *name, size_t len, struct vnode *n)
{
    int err = dir_insert(v, dir, name, len, n, 0);

    if (err)
        return err;
    n->nlink++;
    n->ctime = vfs_now(v);
    touch_dir(v, dir);
    return 0;
}

/* drop_name: n lost one name in dir (the entry is already gone). */
static void drop_name(struct vfs *v, struct vnode *dir, struct vnode *n)
{
    if (IS_DIR(n)) {
        n->nlink = 0;
        n->parent = NULL;
        dir->nlink--;
    } else {
        n->nlink--;
    }
    n->ctime = vfs_now(v);
}

int tmpfs_unlink(struct vfs *v, struct vnode *dir, const char *name, size_t len)
{
    int i = find_index(dir, name, len);
    struct vnode *n;

    if (i < 0)
        return -ENOENT;
    n = dir->u.dir.ents[i]->node;
    if (IS_DIR(n) && !tmpfs_dir_empty(n))
        return -ENOTEMPTY;
    dir_remove_at(v, dir, (uint32_t)i);
    drop_name(v, dir, n);
    touch_dir(v, dir);
    maybe_destroy(v, n);
    return 0;
}

static void reparent(struct vnode *n, struct vnode *from, struct vnode *to)
{
    if (!IS_DIR(n) || from == to)
        return;
    n->parent = to;
    from->nlink--;
    to->nlink++;
}

int tmpfs_rename(struct vfs *v, struct vnode *od, const char *on, size_t ol, struct vnode *nd,
                 const char *nn, size_t nl, int exchange)
{
    int i = find_index(od, on, ol), j = find_index(nd, nn, nl), err;
    struct vnode *src, *dst;
    struct linux_timespec now = vfs_now(v);

    if (i < 0)
        return -ENOENT;
    src = od->u.dir.ents[i]->node;
    dst = j >= 0 ? nd->u.dir.ents[j]->node : NULL;
    if (exchange) {
        if (!dst)
            return -ENOENT;
        od->u.dir.ents[i]->node = dst;
        nd->u.dir.ents[j]->node = src;
        reparent(src, od, nd);
        reparent(dst, nd, od);
        src->ctime = dst->ctime = now;
    } else if (dst) {
        if (dst == src)
            return 0;
        if (IS_DIR(dst) && !tmpfs_dir_empty(dst))
            return -ENOTEMPTY;
        vnode_get(dst);
        nd->u.dir.ents[j]->node = src;
        drop_name(v, nd, dst);
        dir_remove_at(v, od, (uint32_t)i);
        reparent(src, od, nd);
        src->ctime = now;
        vnode_put(v, dst);
    } else {
        err = dir_insert(v, nd, nn, nl, src, 1);
        if (err)
            return err;
        dir_remove_at(v, od, (uint32_t)i); /* i is unchanged: the insert appended */
        reparent(src, od, nd);
        src->ctime = now;
    }
    od->mtime = od->ctime = now;
    nd->mtime = nd->ctime = now;
    return 0;
}

/* ---- file data ------------------------------------------------------------------- */

uint64_t tmpfs_blocks(const struct vnode *n)
{
    uint64_t i, pages = 0;

    if (!IS_REG(n))
        return 0;
    for (i = 0; i < n->u.reg.slots; i++)
        if (n->u.reg.pages[i])
            pages++;
    return pages * (TMPFS_PAGE / 512);
}

static int grow_slots(struct vfs *v, struct vnode *n, uint64_t need)
{
    uint64_t slots, add;
    unsigned char **pages;

    if (need <= n->u.reg.slots)
        return 0;
    slots = (need + SLOT_CHUNK - 1) / SLOT_CHUNK * SLOT_CHUNK;
    add = slots - n->u.reg.slots;
    if (add > UINT64_MAX / SLOT_COST || vfs_charge(v, n->fs, add * SLOT_COST))
        return -ENOSPC;
    if (slots > SIZE_MAX / sizeof *pages ||
        !(pages = realloc(n->u.reg.pages, (size_t)slots * sizeof *pages))) {
        vfs_uncharge(v, n->fs, add * SLOT_COST);
        return -ENOSPC;
    }
    memset(pages + n->u.reg.slots, 0, (size_t)add * sizeof *pages);
    n->u.reg.pages = pages;
    n->u.reg.slots = slots;
    return 0;
}

int64_t tmpfs_write(struct vfs *v, struct vnode *n, uint64_t off, struct vfs_xfer *x, uint64_t len)
{
    uint64_t done = 0;
    int err = 0;

    if (len == 0)
        return 0;
    if (off > (uint64_t)INT64_MAX || len > (uint64_t)INT64_MAX - off)
        return -EFBIG;
    err = grow_slots(v, n, (off + len + TMPFS_PAGE - 1) / TMPFS_PAGE);
    if (err)
        return err;
    while (done < len) {
        uint64_t pos = off + done, idx = pos / TMPFS_PAGE;
        size_t within = (size_t)(pos % TMPFS_PAGE);
        size_t chunk = TMPFS_PAGE - within;

        if (chunk > len - done)
            chunk = (size_t)(len - done);
        if (!n->u.reg.pages[idx]) {
            if (vfs_charge(v, n->fs, TMPFS_PAGE)) {
                err = -ENOSPC;
                break;
            }
            n->u.reg.pages[idx] = calloc(1, TMPFS_PAGE);
            if (!n->u.reg.pages[idx]) {
                vfs_uncharge(v, n->fs, TMPFS_PAGE);
                err = -ENOSPC;
                break;
            }
        }
        err = x->copy(x, done, n->u.reg.pages[idx] + within, chunk, 0);
        if (err)
            break;
        done += chunk;
    }
    if (done) {
        if (off + done > n->u.reg.size)
            n->u.reg.size = off + done;
        n->mtime = n->ctime = vfs_now(v);
        return (int64_t)done;
    }
    return err;
}

int64_t tmpfs_write_mem(struct vfs *v, struct vnode *n, uint64_t off, const void *p, uint64_t len)
{
    struct vfs_xfer_mem m;

    vfs_xfer_mem_init(&m, (void *)(uintptr_t)p, (size_t)len);
    return tmpfs_write(v, n, off, &m.x, len);
}

int tmpfs_truncate(struct vfs *v, struct vnode *n, uint64_t size)
{
    uint64_t keep;

    if (size > (uint64_t)INT64_MAX)
        return -EFBIG;
    if (size == n->u.reg.size)
        return 0;
    if (size < n->u.reg.size) {
        keep = (size + TMPFS_PAGE - 1) / TMPFS_PAGE;
        free_pages_from(v, n, keep);
        if (size % TMPFS_PAGE && keep - 1 < n->u.reg.slots && n->u.reg.pages[keep - 1]) {
            size_t within = (size_t)(size % TMPFS_PAGE);

            memset(n->u.reg.pages[keep - 1] + within, 0, TMPFS_PAGE - within);
        }
        if (size == 0)
            free_slots(v, n);
    }
    n->u.reg.size = size;
    n->mtime = n->ctime = vfs_now(v);
    return 0;
}

static int64_t t_read(struct vfs *v, struct handle *h, uint64_t off, struct vfs_xfer *x,
                      uint64_t len)
{
    struct vnode *n = h->loc.node;
    uint64_t done = 0;

    if (off >= n->u.reg.size)
        return 0;
    if (len > n->u.reg.size - off)
        len = n->u.reg.size - off;
    while (done < len) {
        uint64_t pos = off + done, idx = pos / TMPFS_PAGE;
        size_t within = (size_t)(pos % TMPFS_PAGE);
        size_t chunk = TMPFS_PAGE - within;
        const unsigned char *src;
        int err;

        if (chunk > len - done)
            chunk = (size_t)(len - done);
        src =
            idx < n->u.reg.slots && n->u.reg.pages[idx] ? n->u.reg.pages[idx] + within : zero_page;
        err = x->copy(x, done, (void *)(uintptr_t)src, chunk, 1);
        if (err)
            return done ? (int64_t)done : err;
        done += chunk;
    }
    return (int64_t)done;
}

/* ---- the ops table ------------------------------------------------------------------ */

static int t_lookup(struct vfs *v, const struct vfs_ctx *c, struct vnode *dir, const char *name,
                    size_t len, struct vnode **out)
{
    *out = tmpfs_find(dir, name, len);
    return 0;
}

static int t_readdir(struct vfs *v, struct vnode *dir, uint64_t cookie, struct dir_sink *sink)
{
    uint32_t lo = 0, hi = dir->u.dir.count;

    while (lo < hi) { /* the first entry with seq >= cookie */
        uint32_t mid = lo + (hi - lo) / 2;

        if (dir->u.dir.ents[mid]->seq < cookie)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < dir->u.dir.count; lo++) {
        const struct vdirent *e = dir->u.dir.ents[lo];
        int r = sink->emit(sink, e->node->ino, LINUX_IFTODT(e->node->mode), e->name, e->len,
                           e->seq + 1);

        if (r)
            return r < 0 ? r : 0;
    }
    return 0;
}

static int t_readlink(struct vfs *v, const struct vfs_ctx *c, struct vnode *n, char *buf,
                      size_t cap, struct link_target *t)
{
    size_t len = n->u.lnk.len;

    memcpy(buf, n->u.lnk.target, len < cap ? len : cap);
    t->kind = LINK_TEXT;
    t->len = len;
    return 0;
}

static int t_getname(struct vfs *v, struct vnode *n, char *buf, size_t cap)
{
    struct vnode *dir = n->parent;
    uint32_t i;

    if (!dir)
        return -ENOENT;
    for (i = 0; i < dir->u.dir.count; i++) {
        const struct vdirent *e = dir->u.dir.ents[i];

        if (e->node == n) {
            if (e->len + 1 > cap)
                return -ERANGE;
            memcpy(buf, e->name, e->len + 1);
            return 0;
        }
    }
    return -ENOENT;
}

static void t_statfs(struct vfs *v, struct fs *fs, struct linux_statfs *out)
{
    uint64_t files = v->cfg.budget / 1024;

    out->f_type = fs->type->magic;
    out->f_bsize = TMPFS_PAGE;
    out->f_frsize = TMPFS_PAGE;
    out->f_blocks = v->cfg.budget / TMPFS_PAGE;
    out->f_bfree = v->used < v->cfg.budget ? (v->cfg.budget - v->used) / TMPFS_PAGE : 0;
    out->f_bavail = out->f_bfree;
    out->f_files = files;
    out->f_ffree = files > v->nodes ? files - v->nodes : 0;
    out->f_namelen = LINUX_NAME_MAX;
}

static void t_release(struct vfs *v, struct vnode *n)
{
    maybe_destroy(v, n);
}

/* t_destroy: frees the whole tree without recursion (depth is unbounded). */
static void t_destroy(struct vfs *v, struct fs *fs)
{
    struct vnode *cur = fs->root;

    while (cur) {
        if (cur->u.dir.count) {
            uint32_t last = cur->u.dir.count - 1;
            struct vnode *n = cur->u.dir.ents[last]->node;

            dir_remove_at(v, cur, last);
            if (IS_DIR(n)) {
                cur = n; /* n->parent == cur: come back up through it */
                continue;
            }
            if (--n->nlink == 0 && n->refs == 0)
                node_destroy(v, n);
        } else {
            struct vnode *up = cur == fs->root ? NULL : cur->parent;

            node_destroy(v, cur);
            cur = up;
        }
    }
    fs->root = NULL;
}

/* t_fill: an empty tmpfs; its root is 1777 as in Linux without mode=. */
static int t_fill(struct vfs *v, struct fs *fs)
{
    struct vnode *root;
    int err = node_new(v, fs, LINUX_S_IFDIR | 01777, &root);

    if (err)
        return err;
    fs->root = root;
    return 0;
}

const struct fs_ops tmpfs_ops = {
    .lookup = t_lookup,
    .readdir = t_readdir,
    .readlink = t_readlink,
    .read = t_read,
    .getname = t_getname,
    .statfs = t_statfs,
    .release = t_release,
    .destroy = t_destroy,
    .writable = 1,
};

const struct fs_type tmpfs_type = {"tmpfs", LINUX_TMPFS_MAGIC, &tmpfs_ops, t_fill};

int fs_is_tmpfs(const struct fs *fs)
{
    return fs->type->ops == &tmpfs_ops;
}

int tmpfs_fill_root(struct vfs *v, struct fs *fs, uint32_t mode)
{
    int err = t_fill(v, fs);

    if (!err)
        fs->root->mode = LINUX_S_IFDIR | (mode & 07777);
    return err;
}
