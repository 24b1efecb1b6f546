/*
 * vfs/initrd.c — the initrd (cpio newc) unpacked into a new tmpfs that then
 * becomes the root, all or nothing.  As Linux's init/initramfs.c: entries
 * are taken in order; a regular file with nlink >= 2 whose (ino, device)
 * was seen before becomes a hard link to it (its data, if any, written into
 * the shared file); an entry whose name exists replaces it unless both are
 * directories (then only the attributes change); directory times are set
 * last.  Missing parent directories are made (0755, root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpio.h"
#include "internal.h"

struct hardlink {
    uint32_t ino, major, minor;
    struct vnode *node;
};

struct dirtime {
    struct vnode *node;
    int64_t mtime;
};

struct unpack {
    struct vfs *v;
    struct fs *fs;
    struct vfs_initrd_info *info;
    struct hardlink *links;
    size_t nlinks, caplinks;
    struct dirtime *dirs;
    size_t ndirs, capdirs;
};

/* next_component: the next name of path p (skipping "/" and "."), or 0 at
 * the end. */
static size_t next_component(const char **p, const char **name)
{
    for (;;) {
        size_t len;

        while (**p == '/')
            (*p)++;
        if (!**p)
            return 0;
        *name = *p;
        len = strcspn(*p, "/");
        *p += len;
        if (len == 1 && (*name)[0] == '.')
            continue;
        return len;
    }
}

/* check_entry: what pass 1 refuses beyond the cpio format. */
static const char *check_entry(const struct cpio_entry *e)
{
    const char *p = e->name, *name;
    size_t len;

    while ((len = next_component(&p, &name)) != 0) {
        if (len == 2 && name[0] == '.' && name[1] == '.')
            return "a \"..\" component";
        if (len > LINUX_NAME_MAX)
            return "a component longer than 255 bytes";
    }
    if ((e->mode & CPIO_S_IFMT) == CPIO_S_IFLNK && (e->size == 0 || e->size >= LINUX_PATH_MAX))
        return "a symbolic link with an empty or too long target";
    return NULL;
}

static int fail(struct unpack *u, const struct cpio_entry *e, const char *what, int err)
{
    snprintf(u->info->error, sizeof u->info->error, "initrd: %.*s: %s",
             (int)(e->name_len < 80 ? e->name_len : 80), e->name, what);
    return err;
}

static int remember_dir(struct unpack *u, struct vnode *n, int64_t mtime)
{
    if (u->ndirs == u->capdirs) {
        size_t cap = u->capdirs ? u->capdirs * 2 : 64;
        struct dirtime *d = realloc(u->dirs, cap * sizeof *d);

        if (!d)
            return -ENOMEM;
        u->dirs = d;
        u->capdirs = cap;
    }
    u->dirs[u->ndirs].node = n;
    u->dirs[u->ndirs].mtime = mtime;
    u->ndirs++;
    vnode_get(n); /* a later entry may replace it (an empty directory) */
    return 0;
}

static struct hardlink *find_link(struct unpack *u, const struct cpio_entry *e)
{
    size_t i;

    for (i = 0; i < u->nlinks; i++)
        if (u->links[i].ino == e->ino && u->links[i].major == e->dev_major &&
            u->links[i].minor == e->dev_minor)
            return &u->links[i];
    return NULL;
}

static int remember_link(struct unpack *u, const struct cpio_entry *e, struct vnode *n)
{
    if (u->nlinks == u->caplinks) {
        size_t cap = u->caplinks ? u->caplinks * 2 : 16;
        struct hardlink *l = realloc(u->links, cap * sizeof *l);

        if (!l)
            return -ENOMEM;
        u->links = l;
        u->caplinks = cap;
    }
    u->links[u->nlinks].ino = e->ino;
    u->links[u->nlinks].major = e->dev_major;
    u->links[u->nlinks].minor = e->dev_minor;
    u->links[u->nlinks].node = n;
    u->nlinks++;
    vnode_get(n); /* the entry may be replaced later in the archive */
    return 0;
}

static void set_times(struct vfs *v, struct vnode *n, int64_t mtime)
{
    n->mtime.tv_sec = mtime;
    n->mtime.tv_nsec = 0;
    n->atime = n->mtime;
    n->ctime = vfs_now(v);
}

static int add_entry(struct unpack *u, const struct cpio_entry *e)
{
    struct vfs *v = u->v;
    struct vnode *dir = u->fs->root, *n, *old;
    const char *p = e->name, *name, *next_name;
    size_t len, next_len;
    uint32_t type = e->mode & CPIO_S_IFMT, perm = e->mode & 07777;
    int err;

    len = next_component(&p, &name);
    if (!len) { /* "." or "/": the root's attributes */
        if (type != CPIO_S_IFDIR)
            return fail(u, e, "the root must be a directory", -EINVAL);
        dir->mode = LINUX_S_IFDIR | perm;
        dir->uid = e->uid;
        dir->gid = e->gid;
        return remember_dir(u, dir, e->mtime);
    }
    /* Walk to the parent, making missing directories. */
    while ((next_len = next_component(&p, &next_name)) != 0) {
        n = tmpfs_find(dir, name, len);
        if (!n) {
            err = tmpfs_create(v, dir, name, len, LINUX_S_IFDIR | 0755, 0, 0, 0, NULL, 0, &n);
            if (err)
                return fail(u, e, "cannot make a parent directory", err);
        } else if (!IS_DIR(n)) {
            return fail(u, e, "a parent is not a directory", -ENOTDIR);
        }
        dir = n;
        name = next_name;
        len = next_len;
    }

    old = tmpfs_find(dir, name, len);
    if (old) {
        if (IS_DIR(old) && type == CPIO_S_IFDIR) {
            old->mode = LINUX_S_IFDIR | perm;
            old->uid = e->uid;
            old->gid = e->gid;
            return remember_dir(u, old, e->mtime);
        }
        err = tmpfs_unlink(v, dir, name, len);
        if (err)
            return fail(u, e, "cannot replace a non-empty directory", err);
    }

    if (type == CPIO_S_IFREG && e->nlink >= 2) {
        struct hardlink *hl = find_link(u, e);

        if (hl) {
            err = tmpfs_link(v, dir, name, len, hl->node);
            if (!err && e->size)
                err = tmpfs_write_mem(v, hl->node, 0, e->data, e->size) < 0 ? -ENOSPC : 0;
            if (err)
                return fail(u, e, "no space for a hard link", err);
            set_times(v, hl->node, e->mtime);
            u->info->entries++;
            u->info->bytes += e->size;
            return 0;
        }
    }

    err = tmpfs_create(v, dir, name, len, type | perm, e->uid, e->gid,
                       LINUX_MKDEV(e->rdev_major, e->rdev_minor), (const char *)e->data,
                       type == CPIO_S_IFLNK ? e->size : 0, &n);
    if (err)
        return fail(u, e, err == -ENOSPC ? "no space left" : "cannot create", err);
    if (type == CPIO_S_IFREG && e->size) {
        int64_t w = tmpfs_write_mem(v, n, 0, e->data, e->size);

        if (w != (int64_t)e->size)
            return fail(u, e, "no space left for the data", w < 0 ? (int)w : -ENOSPC);
        u->info->bytes += e->size;
    }
    if (type == CPIO_S_IFREG && e->nlink >= 2) {
        err = remember_link(u, e, n);
        if (err)
            return fail(u, e, "out of memory", err);
    }
    if (type == CPIO_S_IFDIR) {
        err = remember_dir(u, n, e->mtime);
        if (err)
            return fail(u, e, "out of memory", err);
    } else {
        set_times(v, n, e->mtime);
    }
    u->info->entries++;
    return 0;
}

int vfs_load_initrd(struct vfs *v, const void *archive, size_t len, struct vfs_initrd_info *info)
{
    struct cpio_reader r;
    struct cpio_entry e;
    struct unpack u;
    struct fs *old;
    size_t i;
    int rc, err = 0;

    memset(info, 0, sizeof *info);
    /* Pass 1: the whole archive must be well-formed before anything changes. */
    cpio_reader_init(&r, archive, len);
    while ((rc = cpio_next(&r, &e)) == 1) {
        const char *why = check_entry(&e);

        if (why) {
            snprintf(info->error, sizeof info->error, "initrd: entry at byte %lu: %s",
                     (unsigned long)cpio_reader_offset(&r), why);
            return -EINVAL;
        }
    }
    if (rc < 0) {
        snprintf(info->error, sizeof info->error, "initrd: %s (near byte %lu)", cpio_strerror(rc),
                 (unsigned long)cpio_reader_offset(&r));
        return -EINVAL;
    }
    if (v->root->refs || v->root->children) {
        snprintf(info->error, sizeof info->error, "initrd: the root file system is in use");
        return -EBUSY;
    }

    /* Pass 2: build a new tmpfs. */
    memset(&u, 0, sizeof u);
    u.v = v;
    u.info = info;
    u.fs = fs_new(v, &tmpfs_type);
    if (!u.fs) {
        snprintf(info->error, sizeof info->error, "initrd: out of memory");
        return -ENOMEM;
    }
    u.fs->root->mode = LINUX_S_IFDIR | 0755;
    cpio_reader_init(&r, archive, len);
    while (!err && cpio_next(&r, &e) == 1)
        err = add_entry(&u, &e);
    for (i = 0; i < u.ndirs; i++) {
        if (!err)
            set_times(v, u.dirs[i].node, u.dirs[i].mtime);
        vnode_put(v, u.dirs[i].node);
    }
    for (i = 0; i < u.nlinks; i++)
        vnode_put(v, u.links[i].node);
    free(u.links);
    free(u.dirs);
    if (err) {
        fs_free(v, u.fs);
        info->entries = info->bytes = 0;
        return err;
    }
    old = v->root->fs;
    v->root->fs = u.fs;
    u.fs->mounts = 1;
    old->mounts = 0;
    fs_free(v, old);
    return 0;
}
