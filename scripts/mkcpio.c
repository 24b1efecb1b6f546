/*
 * scripts/mkcpio.c — host tool: writes a cpio newc archive from a manifest,
 * reproducibly (built into build/host/mkcpio).
 *
 *   mkcpio [-t MTIME] -o OUT MANIFEST      (MANIFEST "-" is stdin)
 *
 * Manifest lines (blank lines and lines starting with # are skipped; fields
 * are separated by blanks; MODE is octal permission bits, UID and GID
 * decimal; PATH has no leading "/" and no "." or ".." component):
 *   dir   PATH MODE UID GID
 *   file  PATH MODE UID GID SOURCE       contents of the host file SOURCE
 *   slink PATH MODE UID GID TARGET       symbolic link to TARGET
 *   nod   PATH MODE UID GID c|b MAJOR MINOR
 *
 * The archive holds the entries sorted by path (bytewise), every one with
 * mtime MTIME (default 0), inode numbers 1, 2, ... in that order, then
 * TRAILER!!!.  Every parent directory of an entry must itself be an entry;
 * a path given twice is an error.  The output is written to OUT.tmp and
 * renamed, so OUT is never left half-written.  Exit status 0, or 1 with a
 * message naming the manifest line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpio.h"

struct item {
    char *path;
    uint32_t mode; /* type | permissions */
    uint32_t uid, gid, rmajor, rminor;
    unsigned char *data;
    size_t size;
    int line;
};

static const char *manifest_name;

__attribute__((noreturn, format(printf, 2, 3))) static void die(int line, const char *fmt, ...)
{
    va_list ap;

    if (line > 0)
        fprintf(stderr, "mkcpio: %s:%d: ", manifest_name, line);
    else
        fprintf(stderr, "mkcpio: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die(0, "out of memory");
    return p;
}

/* read_file: the whole host file into *data, *size. */
static void read_file(const char *name, unsigned char **data, size_t *size, int line)
{
    FILE *f = fopen(name, "rb");
    size_t cap = 0, len = 0, n;
    unsigned char *buf = NULL;

    if (!f)
        die(line, "%s: %s", name, strerror(errno));
    do {
        if (cap - len < 65536) {
            cap = cap * 2 + 65536;
            buf = xrealloc(buf, cap);
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    if (ferror(f))
        die(line, "%s: read error", name);
    fclose(f);
    if (len > UINT32_MAX)
        die(line, "%s: larger than 4 GiB", name);
    *data = buf;
    *size = len;
}

static uint32_t parse_num(const char *s, int base, uint32_t max, const char *what, int line)
{
    char *end;
    unsigned long v;

    if (!s)
        die(line, "missing %s", what);
    errno = 0;
    v = strtoul(s, &end, base);
    if (errno || *end || end == s || v > max)
        die(line, "bad %s '%s'", what, s);
    return (uint32_t)v;
}

static void check_path(const char *p, int line)
{
    const char *c = p;

    if (!*p || *p == '/')
        die(line, "path '%s' must be relative and non-empty", p);
    if (strlen(p) > CPIO_NAME_MAX)
        die(line, "path too long");
    while (*c) {
        size_t n = strcspn(c, "/");

        if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
            die(line, "path '%s' has an empty, '.' or '..' component", p);
        c += n;
        if (*c == '/')
            c++;
        if (!*c && c[-1] == '/')
            die(line, "path '%s' ends in '/'", p);
    }
}

static int compare_items(const void *a, const void *b)
{
    return strcmp(((const struct item *)a)->path, ((const struct item *)b)->path);
}

/* parse_line: one manifest line into *it; returns 0 for a blank or comment
 * line, 1 for an entry. */
static int parse_line(char *s, int line, struct item *it)
{
    char *kind, *f[8];
    int n = 0;

    kind = strtok(s, " \t\r\n");
    if (!kind || kind[0] == '#')
        return 0;
    while (n < 8 && (f[n] = strtok(NULL, " \t\r\n")) != NULL)
        n++;
    if (strtok(NULL, " \t\r\n"))
        die(line, "too many fields");
    memset(it, 0, sizeof *it);
    it->line = line;
    if (n < 4)
        die(line, "expected: %s PATH MODE UID GID ...", kind);
    check_path(f[0], line);
    it->path = strdup(f[0]);
    it->mode = parse_num(f[1], 8, 07777, "mode", line);
    it->uid = parse_num(f[2], 10, UINT32_MAX, "uid", line);
    it->gid = parse_num(f[3], 10, UINT32_MAX, "gid", line);
    if (!strcmp(kind, "dir")) {
        if (n != 4)
            die(line, "dir takes 4 fields");
        it->mode |= CPIO_S_IFDIR;
    } else if (!strcmp(kind, "file")) {
        if (n != 5)
            die(line, "file takes 5 fields");
        it->mode |= CPIO_S_IFREG;
        read_file(f[4], &it->data, &it->size, line);
    } else if (!strcmp(kind, "slink")) {
        if (n != 5)
            die(line, "slink takes 5 fields");
        it->mode |= CPIO_S_IFLNK;
        it->data = (unsigned char *)strdup(f[4]);
        it->size = strlen(f[4]);
    } else if (!strcmp(kind, "nod")) {
        if (n != 7 || (strcmp(f[4], "c") && strcmp(f[4], "b")))
            die(line, "nod takes: PATH MODE UID GID c|b MAJOR MINOR");
        it->mode |= f[4][0] == 'c' ? CPIO_S_IFCHR : CPIO_S_IFBLK;
        it->rmajor = parse_num(f[5], 10, UINT32_MAX, "major", line);
        it->rminor = parse_num(f[6], 10, UINT32_MAX, "minor", line);
    } else {
        die(line, "unknown kind '%s' (dir, file, slink, nod)", kind);
    }
    return 1;
}

/* check_tree: no duplicates, every parent present and a directory.  The
 * items are sorted, so a parent is found by binary search. */
static void check_tree(struct item *items, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        char *slash;
        struct item key, *parent;

        if (i > 0 && !strcmp(items[i - 1].path, items[i].path))
            die(items[i].line, "'%s' given twice (also line %d)", items[i].path, items[i - 1].line);
        slash = strrchr(items[i].path, '/');
        if (!slash)
            continue;
        key.path = strndup(items[i].path, (size_t)(slash - items[i].path));
        parent = bsearch(&key, items, count, sizeof *items, compare_items);
        if (!parent || (parent->mode & CPIO_S_IFMT) != CPIO_S_IFDIR)
            die(items[i].line, "parent directory '%s' of '%s' is not in the manifest", key.path,
                items[i].path);
        free(key.path);
    }
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    uint32_t mtime = 0;
    struct item *items = NULL;
    size_t count = 0, cap = 0, i, len = 0, need = 0;
    char *line = NULL, *tmp;
    int lineno = 0, opt, pass;
    FILE *in, *o;
    struct cpio_writer w;
    unsigned char *buf = NULL;

    while ((opt = getopt(argc, argv, "t:o:")) != -1) {
        if (opt == 't')
            mtime = parse_num(optarg, 10, UINT32_MAX, "mtime", 0);
        else if (opt == 'o')
            out = optarg;
        else
            die(0, "usage: mkcpio [-t MTIME] -o OUT MANIFEST");
    }
    if (!out || optind != argc - 1)
        die(0, "usage: mkcpio [-t MTIME] -o OUT MANIFEST");
    manifest_name = argv[optind];
    in = strcmp(manifest_name, "-") ? fopen(manifest_name, "r") : stdin;
    if (!in)
        die(0, "%s: %s", manifest_name, strerror(errno));
    while (getline(&line, &len, in) >= 0) {
        lineno++;
        if (count == cap) {
            cap = cap * 2 + 64;
            items = xrealloc(items, cap * sizeof *items);
        }
        count += (size_t)parse_line(line, lineno, &items[count]);
    }
    free(line);
    if (in != stdin)
        fclose(in);

    qsort(items, count, sizeof *items, compare_items);
    check_tree(items, count);

    /* Pass 0 measures, pass 1 writes. */
    for (pass = 0; pass < 2; pass++) {
        cpio_writer_init(&w, buf, need);
        for (i = 0; i < count; i++) {
            struct cpio_entry e = {0};
            int rc;

            e.name = items[i].path;
            e.name_len = strlen(items[i].path);
            e.ino = (uint32_t)(i + 1);
            e.mode = items[i].mode;
            e.uid = items[i].uid;
            e.gid = items[i].gid;
            e.nlink = (items[i].mode & CPIO_S_IFMT) == CPIO_S_IFDIR ? 2 : 1;
            e.mtime = mtime;
            e.rdev_major = items[i].rmajor;
            e.rdev_minor = items[i].rminor;
            e.data = items[i].data;
            e.size = (uint32_t)items[i].size;
            rc = cpio_write_entry(&w, &e);
            if (rc)
                die(items[i].line, "%s: %s", items[i].path, cpio_strerror(rc));
        }
        if (cpio_write_trailer(&w))
            die(0, "%s", cpio_strerror(w.error));
        if (pass == 0) {
            need = w.len;
            buf = xrealloc(NULL, need);
        }
    }

    if (asprintf(&tmp, "%s.tmp", out) < 0)
        die(0, "out of memory");
    o = fopen(tmp, "wb");
    if (!o)
        die(0, "%s: %s", tmp, strerror(errno));
    if (fwrite(buf, 1, w.len, o) != w.len || fclose(o) != 0)
        die(0, "%s: write error", tmp);
    if (rename(tmp, out) < 0)
        die(0, "rename %s: %s", out, strerror(errno));
    for (i = 0; i < count; i++) {
        free(items[i].path);
        free(items[i].data);
    }
    free(items);
    free(buf);
    free(tmp);
    return 0;
}
