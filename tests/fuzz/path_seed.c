/*
 * tests/fuzz/path_seed.c — write the seed corpus of fuzz_path: short
 * operation sequences (format: path_ops.h) that build a small tree and
 * then walk it through symlink chains and loops, "..", empty components,
 * trailing slashes, overlong names, a mount and a removed working
 * directory.  Usage: path-seed DIR
 */
#include <stdio.h>
#include <string.h>

#include "path_ops.h"

struct seq {
    unsigned char b[4096];
    size_t len;
};

static void op(struct seq *s, int code, int arg, const char *p1, const char *p2)
{
    s->b[s->len++] = (unsigned char)code;
    s->b[s->len++] = (unsigned char)arg;
    memcpy(s->b + s->len, p1, strlen(p1) + 1);
    s->len += strlen(p1) + 1;
    if (p2) {
        memcpy(s->b + s->len, p2, strlen(p2) + 1);
        s->len += strlen(p2) + 1;
    }
}

static int write_seed(const char *dir, const char *name, const struct seq *s)
{
    char path[1024];
    FILE *fp;
    int ok;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    ok = fp && fwrite(s->b, 1, s->len, fp) == s->len;
    if (fp && fclose(fp) != 0)
        ok = 0;
    if (!ok)
        fprintf(stderr, "path-seed: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    const int root = PATH_ARG_DIR(1), cwd = PATH_ARG_DIR(2);
    static const char longname[] = {PATH_ESC_REPEAT, 64, 'n', 0}; /* 260 bytes */
    static const char longpath[] = {'/',         PATH_ESC_UP, 255,         PATH_ESC_UP, 255,
                                    PATH_ESC_UP, 255,         PATH_ESC_UP, 255,         PATH_ESC_UP,
                                    255,         PATH_ESC_UP, 255,         't',         0};
    struct seq s;
    int bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: path-seed DIR\n");
        return 2;
    }

    /* A tree, symlinks through it, renames and removal. */
    memset(&s, 0, sizeof s);
    op(&s, PATH_OP_MKDIR, root | 5, "/tmp/a", NULL);
    op(&s, PATH_OP_MKDIR, root | 5, "/tmp/a/b/", NULL);
    op(&s, PATH_OP_OPEN, root | 1, "/tmp/a/b/file", NULL);
    op(&s, PATH_OP_SYMLINK, root, "/tmp/l1", "a/b");
    op(&s, PATH_OP_SYMLINK, root, "/tmp/l2", "/tmp/l1/../b/./file");
    op(&s, PATH_OP_STAT, root, "/tmp/l2", NULL);
    op(&s, PATH_OP_STAT, root | 1, "//tmp///l1/", NULL);
    op(&s, PATH_OP_READLINK, root | 3, "/tmp/l2", NULL);
    op(&s, PATH_OP_RENAME, root, "/tmp/a/b", "/tmp/c");
    op(&s, PATH_OP_LINK, root, "/tmp/c/file", "/tmp/hard");
    op(&s, PATH_OP_RENAME, root | 2, "/tmp/hard", "/tmp/l1");
    op(&s, PATH_OP_UNLINK, root, "/tmp/c/file", NULL);
    op(&s, PATH_OP_UNLINK, root | 1, "/tmp/c/", NULL);
    op(&s, PATH_OP_GETDENTS, 0, "", NULL);
    bad |= write_seed(argv[1], "tree", &s);

    /* Symlink loops and long chains. */
    memset(&s, 0, sizeof s);
    op(&s, PATH_OP_SYMLINK, root, "/tmp/x", "y");
    op(&s, PATH_OP_SYMLINK, root, "/tmp/y", "x");
    op(&s, PATH_OP_STAT, root, "/tmp/x", NULL);
    op(&s, PATH_OP_OPEN, root | 1, "/tmp/x", NULL);
    op(&s, PATH_OP_SYMLINK, root, "/tmp/self", "self/");
    op(&s, PATH_OP_MKDIR, root, "/tmp/self/d", NULL);
    op(&s, PATH_OP_SYMLINK, root, "/tmp/up", "../../../../tmp/up/..");
    op(&s, PATH_OP_CHDIR, root, "/tmp/up", NULL);
    bad |= write_seed(argv[1], "loops", &s);

    /* Working directories: relative paths, "..", a removed cwd, getpath. */
    memset(&s, 0, sizeof s);
    op(&s, PATH_OP_MKDIR, root, "/tmp/w", NULL);
    op(&s, PATH_OP_CHDIR, root, "/tmp/w", NULL);
    op(&s, PATH_OP_MKDIR, cwd, "sub", NULL);
    op(&s, PATH_OP_CHDIR, cwd, "sub/..//sub/.", NULL);
    op(&s, PATH_OP_GETPATH, 1, "", NULL);
    op(&s, PATH_OP_UNLINK, root | 1, "/tmp/w/sub", NULL);
    op(&s, PATH_OP_GETPATH, 1, "", NULL);
    op(&s, PATH_OP_OPEN, PATH_ARG_DIR(3) | 1, "../x", NULL);
    op(&s, PATH_OP_STAT, cwd, "../../../../..", NULL);
    op(&s, PATH_OP_CLOSE, 0, "", NULL);
    bad |= write_seed(argv[1], "cwd", &s);

    /* Limits, permissions as uid 1000, a mount and /proc. */
    memset(&s, 0, sizeof s);
    op(&s, PATH_OP_MKDIR, root, longname, NULL);
    op(&s, PATH_OP_STAT, root, longpath, NULL);
    op(&s, PATH_OP_MKDIR, PATH_ARG_USER | root, "/home/user/u", NULL);
    op(&s, PATH_OP_CHMOD, PATH_ARG_USER | root, "/home/user/u", NULL);
    op(&s, PATH_OP_ACCESS, PATH_ARG_USER | root | 7, "/home/user/u/", NULL);
    op(&s, PATH_OP_MKFIFO, PATH_ARG_USER | root, "/tmp/fifo", NULL);
    op(&s, PATH_OP_MKDIR, root, "/tmp/m", NULL);
    op(&s, PATH_OP_MOUNT, root, "/tmp/m", NULL);
    op(&s, PATH_OP_OPEN, root | 1, "/tmp/m/f", NULL);
    op(&s, PATH_OP_TRUNCATE, root | 9, "/tmp/m/f", NULL);
    op(&s, PATH_OP_STAT, root, "/tmp/m/..", NULL);
    op(&s, PATH_OP_MOUNT, root | 3, "/tmp/m", NULL);
    op(&s, PATH_OP_STAT, root, "/proc/self/cwd/tmp", NULL);
    op(&s, PATH_OP_OPEN, root | 4, "/proc/self/", NULL);
    op(&s, PATH_OP_GETDENTS, 0, "", NULL);
    bad |= write_seed(argv[1], "limits", &s);
    return bad;
}
