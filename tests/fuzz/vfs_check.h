/*
 * tests/fuzz/vfs_check.h — structural invariants of a tmpfs tree, for the
 * VFS fuzz targets.  vfs_check_tree() walks the directories of one tmpfs
 * instance from its root (without crossing mounts) and aborts with a
 * message if an entry has no node, a bad name (empty, longer than
 * NAME_MAX, with '/', "." or ".."), a length that disagrees with its
 * text, a duplicate, or an out-of-order cookie; if a subdirectory's parent
 * pointer is not the directory holding it; or if a directory's link count
 * is not 2 plus its subdirectories.
 */
#ifndef KEEL_FUZZ_VFS_CHECK_H
#define KEEL_FUZZ_VFS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void vfs_check_fail(const char *what, const struct vdirent *e)
{
    fprintf(stderr, "vfs tree broken: %s (entry \"%s\")\n", what, e ? e->name : "");
    abort();
}

static void vfs_check_dir(const struct vnode *d, unsigned depth)
{
    uint32_t subdirs = 0;

    if (depth > 4096)
        vfs_check_fail("directories nested deeper than 4096", NULL);
    if (d->u.dir.count > d->u.dir.cap)
        vfs_check_fail("more entries than room", NULL);
    for (uint32_t i = 0; i < d->u.dir.count; i++) {
        const struct vdirent *e = d->u.dir.ents[i];

        if (!e || !e->node)
            vfs_check_fail("entry without a node", e);
        if (e->len == 0 || e->len > LINUX_NAME_MAX || strlen(e->name) != e->len ||
            memchr(e->name, '/', e->len) || !strcmp(e->name, ".") || !strcmp(e->name, ".."))
            vfs_check_fail("bad name", e);
        if (e->seq >= d->u.dir.next_seq || (i && d->u.dir.ents[i - 1]->seq >= e->seq))
            vfs_check_fail("cookie out of order", e);
        for (uint32_t j = 0; j < i; j++)
            if (!strcmp(d->u.dir.ents[j]->name, e->name))
                vfs_check_fail("duplicate name", e);
        if (e->node->fs != d->fs)
            vfs_check_fail("entry of another file system", e);
        if (e->node->nlink == 0)
            vfs_check_fail("linked node with nlink 0", e);
        if (IS_DIR(e->node)) {
            subdirs++;
            if (e->node->parent != d)
                vfs_check_fail("parent pointer", e);
            vfs_check_dir(e->node, depth + 1);
        }
    }
    if (d->nlink != 2 + subdirs)
        vfs_check_fail("directory link count", NULL);
}

static inline void vfs_check_tree(const struct fs *fs)
{
    if (!fs || !fs->root || !IS_DIR(fs->root))
        vfs_check_fail("no root directory", NULL);
    vfs_check_dir(fs->root, 0);
}

#endif
