/*
 * vfs/cpio.h — the cpio "newc" format (magic 070701), as Linux initramfs
 * and Keel's initrd use it: a writer and a bounds-checked reader.
 *
 * An archive is a sequence of entries, each a 110-byte ASCII header (the
 * magic, then 13 fields of 8 hex digits: ino, mode, uid, gid, nlink, mtime,
 * filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check), the
 * name with its terminating NUL (namesize bytes), zero padding to a multiple
 * of 4 bytes from the start of the header, then filesize bytes of data (a
 * symlink's data is its target, without NUL), zero padding to a multiple of
 * 4.  The entry named "TRAILER!!!" ends the archive.
 *
 * Pure C: no libc function, no allocation; only <stddef.h> and <stdint.h>.
 * (A compiler may still turn a copy loop into a memcpy/memset call, which
 * every freestanding Keel image provides.)
 */
#ifndef KEEL_VFS_CPIO_H
#define KEEL_VFS_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_MAGIC "070701"
#define CPIO_HEADER_SIZE 110
#define CPIO_TRAILER "TRAILER!!!"
/* Longest name accepted by the reader and the writer, without the NUL. */
#define CPIO_NAME_MAX 4095

/* File types in cpio_entry.mode (the values of <sys/stat.h>). */
#define CPIO_S_IFMT 0170000
#define CPIO_S_IFSOCK 0140000
#define CPIO_S_IFLNK 0120000
#define CPIO_S_IFREG 0100000
#define CPIO_S_IFBLK 0060000
#define CPIO_S_IFDIR 0040000
#define CPIO_S_IFCHR 0020000
#define CPIO_S_IFIFO 0010000

/* Results: 0 or a positive count is success, these are failures. */
enum cpio_error {
    CPIO_OK = 0,
    CPIO_ERR_TRUNCATED = -1, /* the archive ends inside a header */
    CPIO_ERR_MAGIC = -2,     /* not 070701 */
    CPIO_ERR_HEADER = -3,    /* a header field is not 8 hex digits, or check != 0 */
    CPIO_ERR_NAME = -4,      /* name size 0 or too long, runs past the end, or not NUL-terminated */
    CPIO_ERR_DATA = -5,      /* file data runs past the end of the archive */
    CPIO_ERR_MODE = -6,      /* unknown file type in mode */
    CPIO_ERR_NO_TRAILER = -7, /* the archive ends without TRAILER!!! */
    CPIO_ERR_NOSPC = -8,      /* writer: the output buffer is full */
    CPIO_ERR_INVAL = -9,      /* writer: bad entry (empty name, NUL in it, ...) */
};

/* One entry.  From the reader, name and data point into the archive (name
 * is NUL-terminated there); they stay valid as long as the archive does. */
struct cpio_entry {
    const char *name;
    size_t name_len; /* without the NUL */
    uint32_t ino;
    uint32_t mode; /* file type and permission bits */
    uint32_t uid;
    uint32_t gid;
    uint32_t nlink;
    uint32_t mtime;
    uint32_t dev_major, dev_minor;
    uint32_t rdev_major, rdev_minor; /* device nodes: the device number */
    const void *data;
    uint32_t size; /* bytes of data */
};

/* cpio_strerror: a short English description of a cpio_error value. */
const char *cpio_strerror(int err);

/* ---- reader --------------------------------------------------------------- */

struct cpio_reader {
    const unsigned char *buf;
    size_t len;
    size_t off; /* of the next header */
    int state;  /* 0 reading, 1 trailer seen, < 0 the error that stopped it */
};

/* cpio_reader_init: reads the archive buf[0..len). */
void cpio_reader_init(struct cpio_reader *r, const void *buf, size_t len);

/* cpio_next: reads the next entry into *e.  Returns 1 with an entry, 0 when
 * the trailer has been reached (and on every call after), or a negative
 * cpio_error; after an error every call returns the same error.  Never reads
 * outside buf[0..len). */
int cpio_next(struct cpio_reader *r, struct cpio_entry *e);

/* cpio_reader_offset: bytes consumed so far (after the trailer: the end of
 * the trailer entry, padded to 4). */
size_t cpio_reader_offset(const struct cpio_reader *r);

/* ---- writer --------------------------------------------------------------- */

struct cpio_writer {
    unsigned char *buf; /* NULL: only count */
    size_t cap;
    size_t len; /* bytes the archive has so far (counted even past cap) */
    int error;  /* first error, sticky */
};

/* cpio_writer_init: writes into buf[0..cap).  With buf == NULL nothing is
 * stored and len counts the size the archive needs. */
void cpio_writer_init(struct cpio_writer *w, void *buf, size_t cap);

/* cpio_write_entry: appends one entry (e->name, e->name_len, e->data,
 * e->size and the numeric fields are used; a symlink's data is its target).
 * Returns 0, CPIO_ERR_INVAL for an empty name, a NUL inside it, a name
 * longer than CPIO_NAME_MAX or an unknown file type, or CPIO_ERR_NOSPC. */
int cpio_write_entry(struct cpio_writer *w, const struct cpio_entry *e);

/* cpio_write_trailer: appends the TRAILER!!! entry.  Returns 0 or an error;
 * once any call failed, every later call returns the first error. */
int cpio_write_trailer(struct cpio_writer *w);

#endif
