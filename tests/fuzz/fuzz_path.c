/*
 * tests/fuzz/fuzz_path.c — libFuzzer target: the input is a sequence of
 * namespace operations (format: path_ops.h) run against a VFS server set
 * up as the unit tests do (tmpfs root with /dev, /proc, /tmp, /home/user),
 * as root or as uid 1000, relative to "/", to no handle or to handles the
 * input opened.  Path resolution (vfs/path.c) and the operations of
 * vfs/ops.c meet symlink chains and loops, "..", empty components,
 * trailing slashes, names and paths past NAME_MAX and PATH_MAX, mounts
 * and removed directories.
 *
 * A failure is a crash or sanitizer report (leaks included: the server is
 * destroyed after each input), or after any operation: a result that is
 * neither a success nor a negative errno in 1..133; a stat of an unknown
 * file type; a tmpfs tree that
 * fails vfs_check.h; an open handle count other than what the input holds;
 * more bytes charged than the budget; a directory made that stat does not
 * find as a directory; a symlink made whose readlink is not its target; a
 * name unlinked that lstat still finds; a name renamed to that lstat does
 * not find; a getpath answer that is not an absolute NUL-terminated path
 * of the length returned; a readlink longer than its buffer; getdents
 * records that are malformed or never end.
 */
#include "path_ops.h"
#include "vfs_check.h"
#include "vfs_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PATH_CAP 8192 /* twice PATH_MAX: long paths must be refused, not cut */
#define MAX_OPS 512
#define MAX_HANDLES 8
#define BUDGET (1024 * 1024)

struct state {
    struct fx f;
    uint64_t h[MAX_HANDLES];
    unsigned nh;
    const uint8_t *p, *end;
    char path1[PATH_CAP], path2[PATH_CAP];
};

static void broken(const struct state *s, const char *what, int64_t r)
{
    fprintf(stderr, "fuzz_path: %s (r = %lld, path1 \"%.200s\", path2 \"%.200s\")\n", what,
            (long long)r, s->path1, s->path2);
    abort();
}

/* errno_ok: success (r >= 0) or a negative errno Linux knows. */
static void errno_ok(const struct state *s, int64_t r)
{
    if (r < -133)
        broken(s, "result is not a negative errno", r);
}

/* read_path: the next path of the input into buf (escapes expanded, cut
 * at PATH_CAP - 1 bytes). */
static void read_path(struct state *s, char *buf)
{
    size_t n = 0;

    while (s->p < s->end && *s->p) {
        uint8_t c = *s->p++;

        if ((c == PATH_ESC_REPEAT || c == PATH_ESC_UP) && s->p < s->end) {
            unsigned k = *s->p++ + 1u;
            uint8_t rc = 'a';

            if (c == PATH_ESC_REPEAT) {
                if (s->p < s->end && *s->p)
                    rc = *s->p++;
                for (unsigned i = 0; i < 4 * k && n < PATH_CAP - 1; i++)
                    buf[n++] = (char)rc;
            } else {
                for (unsigned i = 0; i < k && n + 3 < PATH_CAP; i++) {
                    memcpy(buf + n, "../", 3);
                    n += 3;
                }
            }
        } else if (n < PATH_CAP - 1) {
            buf[n++] = (char)c;
        }
    }
    if (s->p < s->end)
        s->p++; /* the NUL */
    buf[n] = 0;
}

static int known_type(uint32_t mode)
{
    switch (S_TYPE(mode)) {
    case LINUX_S_IFSOCK:
    case LINUX_S_IFLNK:
    case LINUX_S_IFREG:
    case LINUX_S_IFBLK:
    case LINUX_S_IFDIR:
    case LINUX_S_IFCHR:
    case LINUX_S_IFIFO:
        return 1;
    default:
        return 0;
    }
}

static void keep_handle(struct state *s, uint64_t h)
{
    if (s->nh < MAX_HANDLES)
        s->h[s->nh++] = h;
    else if (vfs_close(s->f.v, h) != 0)
        broken(s, "closing a new handle failed", 0);
}

static uint64_t pick_handle(const struct state *s, unsigned n)
{
    return s->nh ? s->h[n % s->nh] : s->f.rootdir;
}

static void check_getdents(struct state *s, uint64_t h)
{
    unsigned char buf[256];
    uint64_t cookie = 0, next;
    struct vfs_xfer_mem m;

    for (unsigned round = 0;; round++) {
        int64_t n;
        size_t off = 0;

        if (round > 100000)
            broken(s, "getdents never ends", 0);
        vfs_xfer_mem_init(&m, buf, sizeof buf);
        n = vfs_getdents(s->f.v, h, cookie, &m.x, sizeof buf, &next);
        errno_ok(s, n);
        if (n <= 0)
            return;
        if ((uint64_t)n > sizeof buf)
            broken(s, "getdents wrote past its count", n);
        while (off < (size_t)n) {
            struct linux_dirent64 d;
            size_t room;

            if ((size_t)n - off < LINUX_DIRENT64_NAME_OFFSET + 1)
                broken(s, "getdents record cut", n);
            memcpy(&d, buf + off, LINUX_DIRENT64_NAME_OFFSET);
            room = d.d_reclen - LINUX_DIRENT64_NAME_OFFSET;
            if (d.d_reclen % 8 || d.d_reclen > (size_t)n - off ||
                d.d_reclen <= LINUX_DIRENT64_NAME_OFFSET ||
                !memchr(buf + off + LINUX_DIRENT64_NAME_OFFSET, 0, room))
                broken(s, "getdents record malformed", d.d_reclen);
            off += d.d_reclen;
        }
        cookie = next;
    }
}

static void check_state(struct state *s)
{
    struct vfs_usage u;
    const struct mount *m;

    for (m = s->f.v->mounts; m; m = m->next)
        if (m->fs->type->ops == &tmpfs_ops)
            vfs_check_tree(m->fs);
    vfs_get_usage(s->f.v, &u);
    if (u.handles != 1 + s->nh)
        broken(s, "open handle count", (int64_t)u.handles);
    if (u.used > u.budget)
        broken(s, "more bytes charged than the budget", (int64_t)u.used);
}

static void run_op(struct state *s, uint8_t op, uint8_t arg)
{
    struct vfs *v = s->f.v;
    const struct vfs_ctx *c = (arg & PATH_ARG_USER) ? &s->f.user : &s->f.root;
    unsigned dn = (arg >> 4) & 7, fl = arg & 15;
    uint64_t dir = dn == 0 ? 0 : dn == 1 ? s->f.rootdir : pick_handle(s, dn - 2);
    struct vfs_attr a;
    struct vfs_open_info oi;
    int64_t r = 0;
    uint64_t h;

    s->path2[0] = 0;
    read_path(s, s->path1);
    if (op == PATH_OP_SYMLINK || op == PATH_OP_RENAME || op == PATH_OP_LINK)
        read_path(s, s->path2);

    switch (op) {
    case PATH_OP_MKDIR:
        r = vfs_mkdir(v, c, dir, s->path1, 0700 | (fl << 3));
        if (r == 0 &&
            (vfs_stat(v, c, dir, s->path1, 0, &a) != 0 || S_TYPE(a.mode) != LINUX_S_IFDIR))
            broken(s, "mkdir made no directory stat finds", r);
        break;
    case PATH_OP_SYMLINK: {
        char t[PATH_CAP];

        r = vfs_symlink(v, c, s->path2, dir, s->path1);
        if (r == 0) {
            int64_t n = vfs_readlink(v, c, dir, s->path1, t, sizeof t);

            if (n != (int64_t)strlen(s->path2) || memcmp(t, s->path2, (size_t)n) != 0)
                broken(s, "readlink of a new symlink is not its target", n);
        }
        break;
    }
    case PATH_OP_OPEN: {
        uint32_t flags = (fl & 1) ? LINUX_O_RDWR | LINUX_O_CREAT : LINUX_O_RDONLY;

        flags |= (fl & 2 ? LINUX_O_EXCL : 0) | (fl & 4 ? LINUX_O_DIRECTORY : 0) |
                 (fl & 8 ? LINUX_O_NOFOLLOW | LINUX_O_PATH : 0);
        memset(&oi, 0, sizeof oi);
        r = vfs_open(v, c, dir, s->path1, flags, 0644, &oi);
        if (r == 0 && !(oi.flags & (VFS_OPEN_INFO_KDEV | VFS_OPEN_INFO_PROC_FD))) {
            if (oi.handle == 0)
                broken(s, "open gave handle 0", r);
            keep_handle(s, oi.handle);
        }
        break;
    }
    case PATH_OP_STAT:
        r = vfs_stat(v, c, dir, s->path1, (fl & 1) ? LINUX_AT_SYMLINK_NOFOLLOW : 0, &a);
        if (r == 0 && !known_type(a.mode))
            broken(s, "stat gave an unknown file type", a.mode);
        break;
    case PATH_OP_RENAME: {
        static const uint32_t rf[3] = {0, LINUX_RENAME_NOREPLACE, LINUX_RENAME_EXCHANGE};

        r = vfs_rename(v, c, dir, s->path1, dir, s->path2, rf[fl % 3]);
        if (r == 0 && vfs_stat(v, c, dir, s->path2, LINUX_AT_SYMLINK_NOFOLLOW, &a) != 0)
            broken(s, "rename target not found after the rename", r);
        break;
    }
    case PATH_OP_UNLINK:
        r = vfs_unlink(v, c, dir, s->path1, (fl & 1) ? LINUX_AT_REMOVEDIR : 0);
        if (r == 0 && vfs_stat(v, c, dir, s->path1, LINUX_AT_SYMLINK_NOFOLLOW, &a) != -ENOENT)
            broken(s, "an unlinked name is still found", r);
        break;
    case PATH_OP_CHDIR:
        r = vfs_chdir(v, c, dir, s->path1, &h);
        if (r == 0)
            keep_handle(s, h);
        break;
    case PATH_OP_LINK:
        r = vfs_link(v, c, dir, s->path1, dir, s->path2, (fl & 1) ? LINUX_AT_SYMLINK_FOLLOW : 0);
        if (r == 0 && vfs_stat(v, c, dir, s->path2, LINUX_AT_SYMLINK_NOFOLLOW, &a) != 0)
            broken(s, "a new link is not found", r);
        break;
    case PATH_OP_READLINK: {
        char t[256];
        size_t cap = (fl + 1) * 16;

        r = vfs_readlink(v, c, dir, s->path1, t, cap);
        if (r > (int64_t)cap)
            broken(s, "readlink longer than its buffer", r);
        break;
    }
    case PATH_OP_CLOSE:
        if (s->nh) {
            unsigned i = fl % s->nh;

            r = vfs_close(v, s->h[i]);
            if (r != 0)
                broken(s, "closing an open handle failed", r);
            s->h[i] = s->h[--s->nh];
        }
        break;
    case PATH_OP_GETPATH: {
        char buf[LINUX_PATH_MAX];

        r = vfs_getpath(v, pick_handle(s, fl), buf, sizeof buf);
        if (r > 0 && (buf[0] != '/' || strlen(buf) + 1 != (size_t)r))
            broken(s, "getpath is not an absolute path of its length", r);
        if (r == 0)
            broken(s, "getpath returned 0", r);
        break;
    }
    case PATH_OP_ACCESS:
        r = vfs_access(v, c, dir, s->path1, fl & 7, 0);
        break;
    case PATH_OP_MKFIFO:
        r = vfs_mknod(v, c, dir, s->path1, LINUX_S_IFIFO | 0644, 0);
        break;
    case PATH_OP_TRUNCATE:
        r = vfs_truncate(v, c, dir, s->path1, (int64_t)fl * 1000);
        break;
    case PATH_OP_GETDENTS:
        check_getdents(s, pick_handle(s, fl));
        break;
    case PATH_OP_MOUNT:
        if (fl & 1)
            r = vfs_umount(v, c, dir, s->path1, (fl & 2) ? LINUX_MNT_DETACH : 0);
        else
            r = vfs_mount(v, c, dir, s->path1, "tmpfs", "none", 0);
        break;
    case PATH_OP_CHMOD:
        r = vfs_chmod(v, c, dir, s->path1, (fl & 7) * 0111, 0);
        break;
    default:
        break;
    }
    errno_ok(s, r);
    check_state(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct state s;
    unsigned ops = 0;

    memset(&s, 0, sizeof s);
    if (fx_setup(&s.f, BUDGET) != 0)
        abort();
    s.p = data;
    s.end = data + size;
    while (s.end - s.p >= 2 && ops++ < MAX_OPS) {
        uint8_t op = s.p[0] % PATH_OP_COUNT, arg = s.p[1];

        s.p += 2;
        run_op(&s, op, arg);
    }
    while (s.nh)
        if (vfs_close(s.f.v, s.h[--s.nh]) != 0)
            broken(&s, "closing an open handle failed", 0);
    check_state(&s);
    fx_teardown(&s.f);
    return 0;
}
