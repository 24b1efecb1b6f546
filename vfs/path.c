/*
 * vfs/path.c — path resolution over the mount tree: absolute and relative
 * paths, ".", ".." (never above the root, across mount points), symbolic
 * links (text and procfs "magic" links) with the Linux limit of 40, the
 * Linux error for every case.  See internal.h for the contract.
 */
#include <string.h>

#include "internal.h"

struct loc root_loc(struct vfs *v)
{
    struct loc l = {v->root, v->root->fs->root};

    loc_enter_mounts(v, &l);
    return l;
}

struct mount *mount_on(struct vfs *v, struct mount *parent, struct vnode *mp)
{
    struct mount *m;

    if (!mp->mounted)
        return NULL;
    for (m = v->mounts; m; m = m->next)
        if (m->parent == parent && m->mountpoint == mp && !m->detached)
            return m;
    return NULL;
}

void loc_enter_mounts(struct vfs *v, struct loc *l)
{
    struct mount *m;

    while ((m = mount_on(v, l->mnt, l->node)) != NULL) {
        l->mnt = m;
        l->node = m->fs->root;
    }
}

int loc_parent(struct vfs *v, struct loc cur, struct loc *out)
{
    struct loc root = root_loc(v);

    for (;;) {
        if (cur.mnt == root.mnt && cur.node == root.node) {
            *out = cur;
            return 0;
        }
        if (cur.node != cur.mnt->fs->root)
            break;
        if (!cur.mnt->parent) { /* a detached mount's root */
            *out = cur;
            return 0;
        }
        cur.node = cur.mnt->mountpoint;
        cur.mnt = cur.mnt->parent;
    }
    if (!cur.node->parent)
        return -ENOENT;
    out->mnt = cur.mnt;
    out->node = cur.node->parent;
    loc_enter_mounts(v, out);
    return 0;
}

int loc_path(struct vfs *v, struct loc l, char *buf, size_t cap)
{
    char name[LINUX_NAME_MAX + 1];
    size_t pos = cap, len;
    int err;

    if (cap < 2)
        return -ERANGE;
    buf[--pos] = 0;
    for (;;) {
        if (l.node == l.mnt->fs->root) {
            if (!l.mnt->parent)
                break;
            l.node = l.mnt->mountpoint;
            l.mnt = l.mnt->parent;
            continue;
        }
        if (!l.node->parent)
            return -ENOENT;
        err = l.node->fs->type->ops->getname(v, l.node, name, sizeof name);
        if (err < 0)
            return err;
        len = strlen(name);
        if (pos < len + 2)
            return -ERANGE;
        pos -= len;
        memcpy(buf + pos, name, len);
        buf[--pos] = '/';
        l.node = l.node->parent;
    }
    if (pos == cap - 1) { /* the root itself */
        buf[0] = '/';
        buf[1] = 0;
        return 1;
    }
    len = cap - 1 - pos;
    memmove(buf, buf + pos, len + 1);
    return (int)len;
}

/* follow: replaces the unread rest of the path at *p by target + rest in
 * the other scratch buffer. */
static int splice_link(struct vfs *v, int *cur_buf, const char **p, const char *target, size_t tlen)
{
    char *dst = v->scratch[!*cur_buf];
    size_t rest = strlen(*p);

    if (tlen + rest >= LINUX_PATH_MAX)
        return -ENAMETOOLONG;
    memcpy(dst, target, tlen);
    memcpy(dst + tlen, *p, rest + 1);
    *cur_buf = !*cur_buf;
    *p = dst;
    return 0;
}

int path_resolve(struct vfs *v, const struct vfs_ctx *c, uint64_t dirh, const char *path,
                 unsigned flags, struct nameres *out)
{
    struct loc cur;
    const char *p;
    size_t n;
    unsigned links = 0;
    int cur_buf = 0, err;

    memset(out, 0, sizeof *out);
    if (!path)
        return -ENOENT;
    n = strnlen(path, LINUX_PATH_MAX);
    if (n >= LINUX_PATH_MAX)
        return -ENAMETOOLONG;
    if (n == 0)
        return -ENOENT;
    if (path[0] == '/') {
        cur = root_loc(v);
    } else {
        struct handle *h = handle_get(v, dirh);

        if (!h)
            return -EBADF;
        cur = h->loc;
        if (!IS_DIR(cur.node))
            return -ENOTDIR;
    }
    memcpy(v->scratch[0], path, n + 1);
    p = v->scratch[0];

    for (;;) {
        const char *name, *q;
        size_t len;
        int last, trailing;
        struct vnode *child;
        struct loc next;

        while (*p == '/')
            p++;
        if (!*p) { /* "/" (or a link to it): the object is the directory itself */
            out->dir = cur;
            out->node = cur;
            out->raw = NULL;
            out->last_type = LAST_ROOT;
            out->trailing = 1;
            return 0;
        }
        name = p;
        while (*p && *p != '/')
            p++;
        len = (size_t)(p - name);
        for (q = p; *q == '/'; q++)
            ;
        last = *q == 0;
        trailing = last && q != p;
        if (len > LINUX_NAME_MAX)
            return -ENAMETOOLONG;
        if (!IS_DIR(cur.node))
            return -ENOTDIR;
        err = vfs_may(c, cur.node, MAY_EXEC);
        if (err)
            return err;

        if (len == 1 && name[0] == '.') {
            if (last) {
                out->dir = cur;
                out->node = cur;
                out->raw = NULL;
                out->last_type = LAST_DOT;
                out->trailing = trailing;
                return 0;
            }
            continue;
        }
        if (len == 2 && name[0] == '.' && name[1] == '.') {
            err = loc_parent(v, cur, &next);
            if (err)
                return err;
            if (last) {
                out->dir = next;
                out->node = next;
                out->raw = NULL;
                out->last_type = LAST_DOTDOT;
                out->trailing = trailing;
                return 0;
            }
            cur = next;
            continue;
        }

        err = cur.node->fs->type->ops->lookup(v, c, cur.node, name, len, &child);
        if (err)
            return err;
        if (last) {
            out->dir = cur;
            memcpy(out->last, name, len);
            out->last[len] = 0;
            out->last_len = len;
            out->last_type = LAST_NORM;
            out->trailing = trailing;
            out->raw = child;
            out->node.mnt = cur.mnt;
            out->node.node = NULL;
        }
        if (!child) {
            if (last)
                return 0;
            return -ENOENT;
        }
        next.mnt = cur.mnt;
        next.node = child;
        loc_enter_mounts(v, &next);

        if (IS_LNK(child) && (!last || (flags & RES_FOLLOW) || trailing)) {
            struct link_target t;
            char *text = v->scratch[!cur_buf] + LINUX_PATH_MAX; /* spare half, see vfs_create */

            if (++links > LINUX_SYMLOOP_MAX)
                return -ELOOP;
            memset(&t, 0, sizeof t);
            err = child->fs->type->ops->readlink(v, c, child, text, LINUX_PATH_MAX, &t);
            if (err)
                return err;
            if (t.kind == LINK_KFD) {
                if (last && (flags & RES_KFD)) {
                    out->node = next;
                    out->kfd = 1;
                    out->kfd_pid = t.kfd_pid;
                    out->kfd_fd = t.kfd_fd;
                    return 0;
                }
                return -ENOENT;
            }
            if (t.kind == LINK_JUMP) {
                cur = t.jump;
                if (last) {
                    out->dir = cur;
                    out->node = cur;
                    out->raw = cur.node;
                    out->jump_handle = t.jump_handle;
                    if (trailing && !IS_DIR(cur.node))
                        return -ENOTDIR;
                    return 0;
                }
                continue;
            }
            if (t.len == 0)
                return -ENOENT;
            if (t.len >= LINUX_PATH_MAX)
                return -ENAMETOOLONG;
            err = splice_link(v, &cur_buf, &p, text, t.len);
            if (err)
                return err;
            if (text[0] == '/')
                cur = root_loc(v);
            continue;
        }
        if (last) {
            out->node = next;
            return 0;
        }
        cur = next;
    }
}
