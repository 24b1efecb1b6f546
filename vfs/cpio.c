/*
 * vfs/cpio.c — cpio "newc" reader and writer; see cpio.h for the format and
 * the contracts.  Every length read from an archive is checked against the
 * bytes that remain before it is used, without overflowing size_t.
 */
#include "cpio.h"

#define FIELD_COUNT 13
enum field {
    F_INO,
    F_MODE,
    F_UID,
    F_GID,
    F_NLINK,
    F_MTIME,
    F_FILESIZE,
    F_DEVMAJOR,
    F_DEVMINOR,
    F_RDEVMAJOR,
    F_RDEVMINOR,
    F_NAMESIZE,
    F_CHECK
};

static const char trailer_name[] = CPIO_TRAILER;
#define TRAILER_LEN (sizeof(trailer_name) - 1)

const char *cpio_strerror(int err)
{
    switch (err) {
    case CPIO_OK:
        return "no error";
    case CPIO_ERR_TRUNCATED:
        return "archive truncated inside a header";
    case CPIO_ERR_MAGIC:
        return "bad magic (not a newc 070701 archive)";
    case CPIO_ERR_HEADER:
        return "corrupt header field";
    case CPIO_ERR_NAME:
        return "bad name (size 0, too long, past the end or not NUL-terminated)";
    case CPIO_ERR_DATA:
        return "file data runs past the end of the archive";
    case CPIO_ERR_MODE:
        return "unknown file type";
    case CPIO_ERR_NO_TRAILER:
        return "archive ends without TRAILER!!!";
    case CPIO_ERR_NOSPC:
        return "output buffer full";
    case CPIO_ERR_INVAL:
        return "invalid entry";
    default:
        return "unknown error";
    }
}

static int bytes_equal(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    size_t i;

    for (i = 0; i < n; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

/* pad4: bytes of padding that bring n to a multiple of 4. */
static size_t pad4(size_t n)
{
    return (4 - (n & 3)) & 3;
}

static int valid_type(uint32_t mode)
{
    switch (mode & CPIO_S_IFMT) {
    case CPIO_S_IFSOCK:
    case CPIO_S_IFLNK:
    case CPIO_S_IFREG:
    case CPIO_S_IFBLK:
    case CPIO_S_IFDIR:
    case CPIO_S_IFCHR:
    case CPIO_S_IFIFO:
        return 1;
    default:
        return 0;
    }
}

/* ---- reader --------------------------------------------------------------- */

void cpio_reader_init(struct cpio_reader *r, const void *buf, size_t len)
{
    r->buf = buf;
    r->len = buf ? len : 0;
    r->off = 0;
    r->state = 0;
}

size_t cpio_reader_offset(const struct cpio_reader *r)
{
    return r->off;
}

/* parse_hex8: the 8 hex digits at p into *out; 0 or -1. */
static int parse_hex8(const unsigned char *p, uint32_t *out)
{
    uint32_t v = 0;
    int i;

    for (i = 0; i < 8; i++) {
        unsigned char c = p[i];
        uint32_t d;

        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return -1;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

static int reader_fail(struct cpio_reader *r, int err)
{
    r->state = err;
    return err;
}

int cpio_next(struct cpio_reader *r, struct cpio_entry *e)
{
    const unsigned char *h;
    uint32_t f[FIELD_COUNT];
    size_t rest, name_off, data_off, skip;
    int i;

    if (r->state == 1)
        return 0;
    if (r->state < 0)
        return r->state;
    rest = r->len - r->off;
    if (rest == 0)
        return reader_fail(r, CPIO_ERR_NO_TRAILER);
    if (rest < CPIO_HEADER_SIZE)
        return reader_fail(r, CPIO_ERR_TRUNCATED);
    h = r->buf + r->off;
    if (!bytes_equal(h, CPIO_MAGIC, 6))
        return reader_fail(r, CPIO_ERR_MAGIC);
    for (i = 0; i < FIELD_COUNT; i++)
        if (parse_hex8(h + 6 + 8 * i, &f[i]) < 0)
            return reader_fail(r, CPIO_ERR_HEADER);
    if (f[F_CHECK] != 0)
        return reader_fail(r, CPIO_ERR_HEADER);

    /* Name: namesize bytes after the header, the last one NUL, no other. */
    if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > CPIO_NAME_MAX + 1)
        return reader_fail(r, CPIO_ERR_NAME);
    rest -= CPIO_HEADER_SIZE;
    if (f[F_NAMESIZE] > rest)
        return reader_fail(r, CPIO_ERR_NAME);
    name_off = r->off + CPIO_HEADER_SIZE;
    for (i = 0; (uint32_t)i < f[F_NAMESIZE] - 1; i++)
        if (r->buf[name_off + (size_t)i] == 0)
            return reader_fail(r, CPIO_ERR_NAME);
    if (r->buf[name_off + f[F_NAMESIZE] - 1] != 0)
        return reader_fail(r, CPIO_ERR_NAME);

    /* Data: after the name padded to 4 (the archive may end right after the
     * name when the entry has no data and is the last). */
    skip = f[F_NAMESIZE] + pad4(CPIO_HEADER_SIZE + f[F_NAMESIZE]);
    rest = r->len - name_off;
    if (f[F_NAMESIZE] - 1 == TRAILER_LEN &&
        bytes_equal(r->buf + name_off, trailer_name, TRAILER_LEN)) {
        r->off = skip <= rest ? name_off + skip : r->len;
        r->state = 1;
        return 0;
    }
    if (!valid_type(f[F_MODE]))
        return reader_fail(r, CPIO_ERR_MODE);
    if (f[F_FILESIZE] != 0 && skip > rest)
        return reader_fail(r, CPIO_ERR_DATA);
    data_off = name_off + skip;
    if (f[F_FILESIZE] != 0 && f[F_FILESIZE] > r->len - data_off)
        return reader_fail(r, CPIO_ERR_DATA);

    e->name = (const char *)(r->buf + name_off);
    e->name_len = f[F_NAMESIZE] - 1;
    e->ino = f[F_INO];
    e->mode = f[F_MODE];
    e->uid = f[F_UID];
    e->gid = f[F_GID];
    e->nlink = f[F_NLINK];
    e->mtime = f[F_MTIME];
    e->dev_major = f[F_DEVMAJOR];
    e->dev_minor = f[F_DEVMINOR];
    e->rdev_major = f[F_RDEVMAJOR];
    e->rdev_minor = f[F_RDEVMINOR];
    e->size = f[F_FILESIZE];
    e->data = f[F_FILESIZE] ? r->buf + data_off : (const void *)(r->buf + name_off + e->name_len);

    /* Next header: after the data padded to 4; an archive cut inside the
     * padding is caught by the next call (it has no room for a header). */
    if (f[F_FILESIZE] == 0) {
        r->off = skip <= rest ? name_off + skip : r->len;
    } else {
        size_t end = data_off + f[F_FILESIZE];
        size_t pad = pad4(f[F_FILESIZE]);

        r->off = pad <= r->len - end ? end + pad : r->len;
    }
    return 1;
}

/* ---- writer --------------------------------------------------------------- */

void cpio_writer_init(struct cpio_writer *w, void *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf ? cap : 0;
    w->len = 0;
    w->error = 0;
}

/* put: appends n bytes of src (NULL: zeros).  Counts only when buf is NULL. */
static void put(struct cpio_writer *w, const void *src, size_t n)
{
    const unsigned char *s = src;
    size_t i;

    if (w->error)
        return;
    if (w->buf) {
        if (n > w->cap - w->len) {
            w->error = CPIO_ERR_NOSPC;
            return;
        }
        for (i = 0; i < n; i++)
            w->buf[w->len + i] = s ? s[i] : 0;
    }
    w->len += n;
}

static void put_hex8(unsigned char *p, uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    int i;

    for (i = 7; i >= 0; i--) {
        p[i] = (unsigned char)digits[v & 15];
        v >>= 4;
    }
}

/* put_entry: appends one header, name and data; the checks are the
 * caller's. */
static void put_entry(struct cpio_writer *w, const struct cpio_entry *e)
{
    unsigned char h[CPIO_HEADER_SIZE];
    uint32_t f[FIELD_COUNT];
    uint32_t namesize = (uint32_t)e->name_len + 1;
    int i;

    f[F_INO] = e->ino;
    f[F_MODE] = e->mode;
    f[F_UID] = e->uid;
    f[F_GID] = e->gid;
    f[F_NLINK] = e->nlink;
    f[F_MTIME] = e->mtime;
    f[F_FILESIZE] = e->size;
    f[F_DEVMAJOR] = e->dev_major;
    f[F_DEVMINOR] = e->dev_minor;
    f[F_RDEVMAJOR] = e->rdev_major;
    f[F_RDEVMINOR] = e->rdev_minor;
    f[F_NAMESIZE] = namesize;
    f[F_CHECK] = 0;
    for (i = 0; i < 6; i++)
        h[i] = (unsigned char)CPIO_MAGIC[i];
    for (i = 0; i < FIELD_COUNT; i++)
        put_hex8(h + 6 + 8 * i, f[i]);
    put(w, h, sizeof h);
    put(w, e->name, e->name_len);
    put(w, NULL, 1 + pad4(CPIO_HEADER_SIZE + namesize));
    if (e->size) {
        put(w, e->data, e->size);
        put(w, NULL, pad4(e->size));
    }
}

int cpio_write_entry(struct cpio_writer *w, const struct cpio_entry *e)
{
    size_t i;

    if (w->error)
        return w->error;
    if (!e->name || e->name_len == 0 || e->name_len > CPIO_NAME_MAX || !valid_type(e->mode) ||
        (e->size && !e->data))
        return CPIO_ERR_INVAL;
    for (i = 0; i < e->name_len; i++)
        if (e->name[i] == 0)
            return CPIO_ERR_INVAL;
    if (e->name_len == TRAILER_LEN && bytes_equal(e->name, trailer_name, TRAILER_LEN))
        return CPIO_ERR_INVAL;
    put_entry(w, e);
    return w->error;
}

int cpio_write_trailer(struct cpio_writer *w)
{
    struct cpio_entry t = {0};

    if (w->error)
        return w->error;
    t.name = trailer_name;
    t.name_len = TRAILER_LEN;
    t.nlink = 1;
    put_entry(w, &t);
    return w->error;
}
