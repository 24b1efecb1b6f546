/*
 * tests/fuzz/cpio_seed.c — write the seed corpus of fuzz_cpio: small newc
 * archives made with vfs/cpio.c's writer (a root file system with every
 * entry type, hard links and a replaced name; missing parents; the trailer
 * alone).  Usage: cpio-seed DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpio.h"

struct item {
    const char *name;
    uint32_t mode, ino, nlink, rmaj, rmin;
    const char *data;
};

static const struct item rootfs[] = {
    {".", CPIO_S_IFDIR | 0755, 1, 2, 0, 0, NULL},
    {"bin", CPIO_S_IFDIR | 0755, 2, 2, 0, 0, NULL},
    {"bin/toybox", CPIO_S_IFREG | 0755, 3, 1, 0, 0, "\177ELF toybox"},
    {"bin/sh", CPIO_S_IFLNK | 0777, 4, 1, 0, 0, "toybox"},
    {"etc", CPIO_S_IFDIR | 0755, 5, 2, 0, 0, NULL},
    {"etc/passwd", CPIO_S_IFREG | 0644, 6, 1, 0, 0, "root:x:0:0:root:/root:/bin/sh\n"},
    {"dev/console", CPIO_S_IFCHR | 0600, 7, 1, 5, 1, NULL},
    {"dev/sda", CPIO_S_IFBLK | 0660, 8, 1, 8, 0, NULL},
    {"run/fifo", CPIO_S_IFIFO | 0644, 9, 1, 0, 0, NULL},
    {"run/sock", CPIO_S_IFSOCK | 0755, 10, 1, 0, 0, NULL},
    {"a", CPIO_S_IFREG | 0640, 77, 2, 0, 0, NULL},
    {"b", CPIO_S_IFREG | 0640, 77, 2, 0, 0, "shared"},
    {"x", CPIO_S_IFREG | 0644, 11, 1, 0, 0, "first"},
    {"x", CPIO_S_IFDIR | 0711, 12, 2, 0, 0, NULL},
    {"./home//keel/", CPIO_S_IFDIR | 0700, 13, 2, 0, 0, NULL},
};

static const struct item deep[] = {
    {"usr/lib/keel/tests/deep/file", CPIO_S_IFREG | 0644, 1, 1, 0, 0, "data"},
    {"usr/lib/keel/link", CPIO_S_IFLNK | 0777, 2, 1, 0, 0, "../../../etc/../usr"},
};

static int write_seed(const char *dir, const char *name, const struct item *it, size_t n)
{
    struct cpio_writer w;
    unsigned char *buf = NULL;
    char path[1024];
    size_t cap = 0;
    FILE *fp;
    int ok = 1;

    for (int pass = 0; pass < 2; pass++) {
        cpio_writer_init(&w, buf, cap);
        for (size_t i = 0; i < n; i++) {
            struct cpio_entry e;

            memset(&e, 0, sizeof e);
            e.name = it[i].name;
            e.name_len = strlen(it[i].name);
            e.mode = it[i].mode;
            e.ino = it[i].ino;
            e.nlink = it[i].nlink;
            e.mtime = 1700000000 + (uint32_t)i;
            e.rdev_major = it[i].rmaj;
            e.rdev_minor = it[i].rmin;
            e.data = it[i].data;
            e.size = it[i].data ? (uint32_t)strlen(it[i].data) : 0;
            ok &= cpio_write_entry(&w, &e) == 0;
        }
        ok &= cpio_write_trailer(&w) == 0;
        if (pass == 0) {
            cap = w.len;
            buf = malloc(cap);
            ok &= buf != NULL;
        }
        if (!ok)
            break;
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = ok ? fopen(path, "wb") : NULL;
    ok = fp && fwrite(buf, 1, w.len, fp) == w.len;
    if (fp && fclose(fp) != 0)
        ok = 0;
    free(buf);
    if (!ok)
        fprintf(stderr, "cpio-seed: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    int bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: cpio-seed DIR\n");
        return 2;
    }
    bad |= write_seed(argv[1], "rootfs", rootfs, sizeof rootfs / sizeof rootfs[0]);
    bad |= write_seed(argv[1], "deep", deep, sizeof deep / sizeof deep[0]);
    bad |= write_seed(argv[1], "trailer-only", NULL, 0);
    return bad;
}
