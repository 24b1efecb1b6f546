/*
 * tests/fuzz/fuzz_cpio.c — libFuzzer target: the input is a cpio newc
 * archive (an initrd).  It goes, in an exact-size heap copy, through
 *   1. the reader (vfs/cpio.c): every entry's name and data must lie in the
 *      archive, the name NUL-terminated with no NUL inside, the offset must
 *      only grow; the end is 0 (trailer) or a cpio_error, and sticky;
 *   2. for a well-formed archive, the writer: the entries written again
 *      must read back identical, and measuring must give the written size
 *      (skipped if a name is empty: the reader takes namesize 1, the
 *      writer refuses an empty name);
 *   3. vfs_load_initrd() (vfs/initrd.c) into a server with a small budget
 *      whose root holds /keep: the result is 0 or a negative errno, -EINVAL
 *      whenever the reader failed (a well-formed archive may still fail
 *      with -ENOSPC, or -ENOTDIR, -ENOTEMPTY, ... for entries that do not
 *      fit the tree built so far).  On failure the old root must be
 *      untouched (same bytes and nodes charged, /keep there) and the error
 *      text set; on success the new tree must be consistent
 *      (vfs_check.h), and loading the archive a second time must charge
 *      the same bytes or fail leaving the first tree.
 * A failure is a crash, a sanitizer report (leaks included: the server is
 * destroyed after each input) or a broken invariant above.
 */
#include "cpio.h"
#include "vfs_check.h"
#include "vfs_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ENTRIES 4096
#define BUDGET (512 * 1024)

static void broken(const char *what, int r)
{
    fprintf(stderr, "fuzz_cpio: %s (r = %d)\n", what, r);
    abort();
}

static int same_entry(const struct cpio_entry *a, const struct cpio_entry *b)
{
    return a->name_len == b->name_len && !memcmp(a->name, b->name, a->name_len) &&
           a->ino == b->ino && a->mode == b->mode && a->uid == b->uid && a->gid == b->gid &&
           a->nlink == b->nlink && a->mtime == b->mtime && a->dev_major == b->dev_major &&
           a->dev_minor == b->dev_minor && a->rdev_major == b->rdev_major &&
           a->rdev_minor == b->rdev_minor && a->size == b->size &&
           (!a->size || !memcmp(a->data, b->data, a->size));
}

/* read_all: walks the archive checking the reader's promises; the entries
 * (up to MAX_ENTRIES) into out; returns the final result (0 or < 0). */
static int read_all(const unsigned char *buf, size_t len, struct cpio_entry *out, size_t *count,
                    int *empty)
{
    struct cpio_reader r;
    struct cpio_entry e;
    size_t last = 0;
    int rc;

    *count = 0;
    *empty = 0;
    cpio_reader_init(&r, buf, len);
    while ((rc = cpio_next(&r, &e)) == 1) {
        const unsigned char *name = (const unsigned char *)e.name;
        const unsigned char *d = e.data;

        if (name < buf || name + e.name_len >= buf + len || name[e.name_len] != 0 ||
            memchr(name, 0, e.name_len) || e.name_len > CPIO_NAME_MAX)
            broken("reader gave a bad name", rc);
        if (e.size && (d < buf || d > buf + len || e.size > (size_t)(buf + len - d)))
            broken("reader gave data outside the archive", rc);
        if (cpio_reader_offset(&r) <= last || cpio_reader_offset(&r) > len)
            broken("reader offset did not advance inside the archive", rc);
        last = cpio_reader_offset(&r);
        if (e.name_len == 0)
            *empty = 1;
        if (*count < MAX_ENTRIES)
            out[(*count)++] = e;
    }
    if (rc > 0 || rc < CPIO_ERR_NO_TRAILER)
        broken("reader returned an unknown value", rc);
    if (cpio_next(&r, &e) != rc)
        broken("reader end is not sticky", rc);
    if (cpio_reader_offset(&r) > len)
        broken("reader offset past the end", rc);
    return rc;
}

/* rewrite: the entries written and read back must be the same. */
static void rewrite(const struct cpio_entry *ents, size_t n)
{
    struct cpio_writer w;
    struct cpio_entry e;
    struct cpio_reader r;
    unsigned char *buf;
    size_t need, i;

    cpio_writer_init(&w, NULL, 0);
    for (i = 0; i < n; i++)
        if (cpio_write_entry(&w, &ents[i]) != 0)
            broken("writer refused an entry the reader accepted", w.error);
    if (cpio_write_trailer(&w) != 0)
        broken("writer refused the trailer", w.error);
    need = w.len;
    buf = malloc(need);
    if (!buf)
        abort();
    cpio_writer_init(&w, buf, need);
    for (i = 0; i < n; i++)
        cpio_write_entry(&w, &ents[i]);
    if (cpio_write_trailer(&w) != 0 || w.len != need)
        broken("writing does not take the measured size", w.error);
    cpio_reader_init(&r, buf, need);
    for (i = 0; i < n; i++)
        if (cpio_next(&r, &e) != 1 || !same_entry(&e, &ents[i]))
            broken("an entry does not read back as written", (int)i);
    if (cpio_next(&r, &e) != 0 || cpio_reader_offset(&r) != need)
        broken("the rewritten archive does not end at its trailer", 0);
    free(buf);
}

/* load: vfs_load_initrd into a server whose root holds /keep. */
static void load(const unsigned char *buf, size_t len, int reader_rc)
{
    struct fx f;
    struct vfs_initrd_info info;
    struct vfs_usage before, after;
    int r;

    memset(&f, 0, sizeof f);
    fx_kernel_init(&f.k);
    f.v = fx_vfs(&f.k, BUDGET);
    if (!f.v)
        abort();
    f.root.pid = 1;
    f.root.umask = 022;
    if (vfs_mkdir(f.v, &f.root, 0, "/keep", 0755))
        abort();
    vfs_get_usage(f.v, &before);

    r = vfs_load_initrd(f.v, buf, len, &info);
    if (reader_rc < 0 && r != -EINVAL)
        broken("a malformed archive was not -EINVAL", r);
    if (r > 0 || r < -4095 || r == -EBUSY)
        broken("vfs_load_initrd returned an unexpected value", r);
    vfs_check_tree(f.v->root->fs);
    vfs_get_usage(f.v, &after);
    if (r != 0) {
        if (after.used != before.used || after.nodes != before.nodes || !fx_exists(&f, "/keep"))
            broken("a failed load changed the root", r);
        if (strncmp(info.error, "initrd: ", 8) != 0 || info.entries || info.bytes)
            broken("a failed load gave no reason or counted entries", r);
    } else {
        struct vfs_usage again;

        /* The same archive once more: the same tree, or nothing changes. */
        r = vfs_load_initrd(f.v, buf, len, &info);
        vfs_check_tree(f.v->root->fs);
        vfs_get_usage(f.v, &again);
        if (r != 0 && r != -ENOSPC && r != -ENOMEM)
            broken("a second load of an archive that loaded failed otherwise", r);
        if (again.used != after.used || again.nodes != after.nodes)
            broken("a second load changed the bytes or nodes charged", r);
    }
    fx_teardown(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cpio_entry ents[MAX_ENTRIES];
    unsigned char *buf = malloc(size ? size : 1);
    size_t n;
    int rc, empty;

    if (!buf)
        abort();
    memcpy(buf, data, size);
    rc = read_all(buf, size, ents, &n, &empty);
    if (rc == 0 && n < MAX_ENTRIES && !empty)
        rewrite(ents, n);
    load(buf, size, rc);
    free(buf);
    return 0;
}
