/*
 * tests/unit/test_cpio.c — vfs/cpio.c: the newc writer and the bounds-checked
 * reader.  Archives under test are copied into heap buffers of their exact
 * size, so AddressSanitizer catches any read past the end.
 */
#include "harness.h"

#include <stdlib.h>

#include "cpio.h"

/* A sample archive: one entry of every kind. */
static const char sample_text[] = "hello, keel\n";
static const char sample_link[] = "../bin/toybox";

static struct cpio_entry sample_entry(int i)
{
    struct cpio_entry e = {0};

    e.ino = (uint32_t)(i + 1);
    e.nlink = 1;
    switch (i) {
    case 0:
        e.name = "etc";
        e.mode = CPIO_S_IFDIR | 0755;
        e.nlink = 2;
        e.mtime = 1700000000;
        break;
    case 1:
        e.name = "etc/motd";
        e.mode = CPIO_S_IFREG | 0644;
        e.uid = 1000;
        e.gid = 100;
        e.mtime = 0xffffffffu;
        e.data = sample_text;
        e.size = sizeof sample_text - 1;
        break;
    case 2:
        e.name = "bin/ls";
        e.mode = CPIO_S_IFLNK | 0777;
        e.data = sample_link;
        e.size = sizeof sample_link - 1;
        break;
    case 3:
        e.name = "dev/console";
        e.mode = CPIO_S_IFCHR | 0600;
        e.rdev_major = 5;
        e.rdev_minor = 1;
        break;
    case 4:
        e.name = "dev/sda";
        e.mode = CPIO_S_IFBLK | 0660;
        e.rdev_major = 8;
        e.rdev_minor = 0;
        e.uid = 0xfffffffeu;
        e.gid = 6;
        break;
    case 5:
        e.name = "tmp/fifo";
        e.mode = CPIO_S_IFIFO | 01777;
        break;
    case 6:
        e.name = "a"; /* 1-byte name: exercises name padding */
        e.mode = CPIO_S_IFREG | 04755;
        e.data = "x";
        e.size = 1;
        break;
    }
    e.name_len = strlen(e.name);
    return e;
}
#define SAMPLE_COUNT 7

/* build: an archive of the first n sample entries, with or without the
 * trailer, in a malloc'd buffer of exactly *len bytes. */
static unsigned char *build(int n, int trailer, size_t *len)
{
    struct cpio_writer w;
    unsigned char *buf;
    int i;

    cpio_writer_init(&w, NULL, 0);
    for (i = 0; i < n; i++) {
        struct cpio_entry e = sample_entry(i);
        cpio_write_entry(&w, &e);
    }
    if (trailer)
        cpio_write_trailer(&w);
    *len = w.len;
    buf = malloc(w.len);
    cpio_writer_init(&w, buf, *len);
    for (i = 0; i < n; i++) {
        struct cpio_entry e = sample_entry(i);
        if (cpio_write_entry(&w, &e) != 0)
            return NULL;
    }
    if (trailer && cpio_write_trailer(&w) != 0)
        return NULL;
    if (w.len != *len)
        return NULL;
    return buf;
}

/* read_all: iterates to the end; returns the final cpio_next result (0 or
 * an error) and the number of entries in *count. */
static int read_all(const void *buf, size_t len, int *count)
{
    struct cpio_reader r;
    struct cpio_entry e;
    int rc;

    *count = 0;
    cpio_reader_init(&r, buf, len);
    while ((rc = cpio_next(&r, &e)) == 1) {
        /* Touch every byte the reader hands out. */
        volatile unsigned char sink = 0;
        for (uint32_t i = 0; i < e.size; i++)
            sink ^= ((const unsigned char *)e.data)[i];
        for (size_t i = 0; i <= e.name_len; i++)
            sink ^= (unsigned char)e.name[i];
        (void)sink;
        (*count)++;
    }
    return rc;
}

/* copy: buf[0..len) into a fresh heap buffer of exactly len bytes. */
static unsigned char *copy(const unsigned char *buf, size_t len)
{
    unsigned char *c = malloc(len ? len : 1);
    memcpy(c, buf, len);
    return c;
}

/* field: pointer to hex field i (0 = ino ... 12 = check) of the header at h. */
static unsigned char *field(unsigned char *h, int i)
{
    return h + 6 + 8 * i;
}

static void set_field(unsigned char *h, int i, uint32_t v)
{
    char tmp[9];
    snprintf(tmp, sizeof tmp, "%08x", v);
    memcpy(field(h, i), tmp, 8);
}

TEST(cpio_roundtrip_every_kind)
{
    size_t len;
    unsigned char *buf = build(SAMPLE_COUNT, 1, &len);
    struct cpio_reader r;
    struct cpio_entry e;
    int i;

    REQUIRE(buf != NULL);
    CHECK_EQ(len % 4, 0);
    cpio_reader_init(&r, buf, len);
    for (i = 0; i < SAMPLE_COUNT; i++) {
        struct cpio_entry want = sample_entry(i);
        REQUIRE(cpio_next(&r, &e) == 1);
        CHECK_EQ(e.name_len, want.name_len);
        CHECK_STR(e.name, want.name);
        CHECK_EQ(e.ino, want.ino);
        CHECK_EQ(e.mode, want.mode);
        CHECK_EQ(e.uid, want.uid);
        CHECK_EQ(e.gid, want.gid);
        CHECK_EQ(e.nlink, want.nlink);
        CHECK_EQ(e.mtime, want.mtime);
        CHECK_EQ(e.rdev_major, want.rdev_major);
        CHECK_EQ(e.rdev_minor, want.rdev_minor);
        CHECK_EQ(e.size, want.size);
        if (want.size)
            CHECK(memcmp(e.data, want.data, want.size) == 0);
        /* Data starts 4-aligned from the archive start. */
        if (e.size)
            CHECK_EQ(((const unsigned char *)e.data - buf) % 4, 0);
    }
    CHECK_EQ(cpio_next(&r, &e), 0);
    CHECK_EQ(cpio_next(&r, &e), 0); /* stays at the end */
    CHECK_EQ(cpio_reader_offset(&r), len);
    free(buf);
}

TEST(cpio_directory_symlink_device_fields)
{
    size_t len;
    unsigned char *buf = build(SAMPLE_COUNT, 1, &len);
    struct cpio_reader r;
    struct cpio_entry e;

    REQUIRE(buf != NULL);
    cpio_reader_init(&r, buf, len);
    REQUIRE(cpio_next(&r, &e) == 1);
    CHECK_EQ(e.mode & CPIO_S_IFMT, CPIO_S_IFDIR);
    CHECK_EQ(e.mode & 07777, 0755);
    CHECK_EQ(e.size, 0);
    REQUIRE(cpio_next(&r, &e) == 1);
    CHECK_EQ(e.mtime, 0xffffffffu);
    CHECK_EQ(e.uid, 1000);
    CHECK_EQ(e.gid, 100);
    REQUIRE(cpio_next(&r, &e) == 1);
    CHECK_EQ(e.mode & CPIO_S_IFMT, CPIO_S_IFLNK);
    CHECK_EQ(e.size, strlen(sample_link));
    CHECK(memcmp(e.data, sample_link, e.size) == 0);
    REQUIRE(cpio_next(&r, &e) == 1);
    CHECK_EQ(e.mode, CPIO_S_IFCHR | 0600);
    CHECK_EQ(e.rdev_major, 5);
    CHECK_EQ(e.rdev_minor, 1);
    REQUIRE(cpio_next(&r, &e) == 1);
    CHECK_EQ(e.mode, CPIO_S_IFBLK | 0660);
    CHECK_EQ(e.rdev_major, 8);
    CHECK_EQ(e.uid, 0xfffffffeu);
    REQUIRE(cpio_next(&r, &e) == 1);
    CHECK_EQ(e.mode, CPIO_S_IFIFO | 01777);
    REQUIRE(cpio_next(&r, &e) == 1);
    CHECK_EQ(e.mode, CPIO_S_IFREG | 04755);
    free(buf);
}

TEST(cpio_writer_exact_bytes)
{
    /* File "a" holding "hi": header, "a\0" (110 + 2 = 112, no pad), "hi",
     * 2 bytes of pad; then the trailer. */
    static const char want[] = "070701"
                               "00000001"
                               "000081a4"
                               "00000000"
                               "00000000"
                               "00000001"
                               "0000005f"
                               "00000002"
                               "00000000"
                               "00000000"
                               "00000000"
                               "00000000"
                               "00000002"
                               "00000000"
                               "a\0"
                               "hi\0\0"
                               "070701"
                               "00000000"
                               "00000000"
                               "00000000"
                               "00000000"
                               "00000001"
                               "00000000"
                               "00000000"
                               "00000000"
                               "00000000"
                               "00000000"
                               "00000000"
                               "0000000b"
                               "00000000"
                               "TRAILER!!!\0"
                               "\0\0\0";
    unsigned char buf[512];
    struct cpio_writer w;
    struct cpio_entry e = {0};

    e.name = "a";
    e.name_len = 1;
    e.ino = 1;
    e.mode = CPIO_S_IFREG | 0644;
    e.nlink = 1;
    e.mtime = 0x5f;
    e.data = "hi";
    e.size = 2;
    cpio_writer_init(&w, buf, sizeof buf);
    CHECK_EQ(cpio_write_entry(&w, &e), 0);
    CHECK_EQ(cpio_write_trailer(&w), 0);
    CHECK_EQ(w.len, sizeof want - 1);
    CHECK(memcmp(buf, want, sizeof want - 1) == 0);
}

TEST(cpio_writer_measure_equals_write)
{
    size_t len;
    unsigned char *buf = build(SAMPLE_COUNT, 1, &len); /* checks it inside */
    CHECK(buf != NULL);
    free(buf);
}

TEST(cpio_writer_no_space_is_sticky)
{
    size_t len, cap;
    unsigned char *full = build(SAMPLE_COUNT, 1, &len);

    REQUIRE(full != NULL);
    for (cap = 0; cap < len; cap += 7) {
        unsigned char *buf = malloc(cap ? cap : 1);
        struct cpio_writer w;
        int i, rc = 0;

        cpio_writer_init(&w, buf, cap);
        for (i = 0; i < SAMPLE_COUNT && rc == 0; i++) {
            struct cpio_entry e = sample_entry(i);
            rc = cpio_write_entry(&w, &e);
        }
        if (rc == 0)
            rc = cpio_write_trailer(&w);
        CHECK_EQ(rc, CPIO_ERR_NOSPC);
        CHECK_EQ(cpio_write_trailer(&w), CPIO_ERR_NOSPC);
        CHECK(w.len <= cap);
        free(buf);
    }
    free(full);
}

TEST(cpio_writer_rejects_bad_entries)
{
    unsigned char buf[1024];
    struct cpio_writer w;
    struct cpio_entry e = sample_entry(1);

    cpio_writer_init(&w, buf, sizeof buf);
    e.name_len = 0;
    CHECK_EQ(cpio_write_entry(&w, &e), CPIO_ERR_INVAL);
    e = sample_entry(1);
    e.name = "a\0b";
    e.name_len = 3;
    CHECK_EQ(cpio_write_entry(&w, &e), CPIO_ERR_INVAL);
    e = sample_entry(1);
    e.mode = 0644; /* no file type */
    CHECK_EQ(cpio_write_entry(&w, &e), CPIO_ERR_INVAL);
    e = sample_entry(1);
    e.name = CPIO_TRAILER;
    e.name_len = strlen(CPIO_TRAILER);
    CHECK_EQ(cpio_write_entry(&w, &e), CPIO_ERR_INVAL);
    e = sample_entry(1);
    e.data = NULL;
    CHECK_EQ(cpio_write_entry(&w, &e), CPIO_ERR_INVAL);
    CHECK_EQ(w.len, 0);   /* nothing was written */
    CHECK_EQ(w.error, 0); /* and the writer is still usable */
}

TEST(cpio_empty_archive_has_no_trailer)
{
    struct cpio_reader r;
    struct cpio_entry e;
    unsigned char *buf = calloc(1, 1);

    cpio_reader_init(&r, buf, 0);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_NO_TRAILER);
    cpio_reader_init(&r, NULL, 100);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_NO_TRAILER);
    free(buf);
}

TEST(cpio_trailer_only)
{
    unsigned char buf[256];
    struct cpio_writer w;
    int count;

    cpio_writer_init(&w, buf, sizeof buf);
    REQUIRE(cpio_write_trailer(&w) == 0);
    CHECK_EQ(w.len, 124);
    CHECK_EQ(read_all(buf, w.len, &count), 0);
    CHECK_EQ(count, 0);
}

TEST(cpio_missing_trailer)
{
    size_t len;
    unsigned char *buf = build(SAMPLE_COUNT, 0, &len);
    int count;

    REQUIRE(buf != NULL);
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_NO_TRAILER);
    CHECK_EQ(count, SAMPLE_COUNT);
    free(buf);
}

TEST(cpio_every_truncation_fails)
{
    size_t len, cut;
    unsigned char *full = build(SAMPLE_COUNT, 1, &len);

    REQUIRE(full != NULL);
    /* The trailer is accepted once its name is complete (121 of its 124
     * bytes); any shorter prefix must end in an error, never in success. */
    for (cut = 0; cut < len - 3; cut++) {
        unsigned char *buf = copy(full, cut);
        int count, rc = read_all(buf, cut, &count);

        if (rc >= 0)
            fprintf(stderr, "    cut at %zu of %zu: no error\n", cut, len);
        CHECK(rc < 0);
        CHECK(count <= SAMPLE_COUNT);
        free(buf);
    }
    for (cut = len - 3; cut <= len; cut++) {
        unsigned char *buf = copy(full, cut);
        int count;

        CHECK_EQ(read_all(buf, cut, &count), 0);
        CHECK_EQ(count, SAMPLE_COUNT);
        free(buf);
    }
    free(full);
}

TEST(cpio_truncated_header)
{
    size_t len;
    unsigned char *full = build(1, 1, &len);
    unsigned char *buf;
    struct cpio_reader r;
    struct cpio_entry e;

    REQUIRE(full != NULL);
    buf = copy(full, CPIO_HEADER_SIZE - 1);
    cpio_reader_init(&r, buf, CPIO_HEADER_SIZE - 1);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_TRUNCATED);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_TRUNCATED); /* sticky */
    free(buf);
    free(full);
}

TEST(cpio_bad_magic)
{
    size_t len;
    unsigned char *buf = build(2, 1, &len);
    struct cpio_reader r;
    struct cpio_entry e;
    int count;

    REQUIRE(buf != NULL);
    memcpy(buf, "070707", 6); /* the old portable (odc) format */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_MAGIC);
    CHECK_EQ(count, 0);
    memcpy(buf, "070702", 6); /* newc with checksums: not supported */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_MAGIC);
    memcpy(buf, "070701", 6);
    CHECK_EQ(read_all(buf, len, &count), 0);
    /* Bad magic in the second header. */
    cpio_reader_init(&r, buf, len);
    REQUIRE(cpio_next(&r, &e) == 1);
    buf[cpio_reader_offset(&r)] = 'X';
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_MAGIC);
    free(buf);
}

TEST(cpio_bad_header_fields)
{
    size_t len;
    unsigned char *buf = build(1, 1, &len);
    int count;

    REQUIRE(buf != NULL);
    field(buf, 3)[4] = 'g'; /* gid */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_HEADER);
    field(buf, 3)[4] = ' ';
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_HEADER);
    field(buf, 3)[4] = '0';
    set_field(buf, 12, 1); /* check must be 0 in 070701 */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_HEADER);
    set_field(buf, 12, 0);
    set_field(buf, 1, 0644); /* no file type */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_MODE);
    set_field(buf, 1, CPIO_S_IFDIR | 0755);
    CHECK_EQ(read_all(buf, len, &count), 0);
    /* Upper-case hex digits are accepted. */
    memcpy(field(buf, 5), "ABCDEF01", 8);
    CHECK_EQ(read_all(buf, len, &count), 0);
    free(buf);
}

TEST(cpio_name_past_end)
{
    size_t len;
    unsigned char *buf = build(2, 1, &len);
    int count;

    REQUIRE(buf != NULL);
    set_field(buf, 11, (uint32_t)len); /* namesize larger than the archive */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_NAME);
    set_field(buf, 11, 0xffffffffu);
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_NAME);
    set_field(buf, 11, 0); /* a name must at least have its NUL */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_NAME);
    set_field(buf, 11, 3); /* "etc" without its NUL: not terminated */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_NAME);
    set_field(buf, 11, 4);
    CHECK_EQ(read_all(buf, len, &count), 0);
    buf[CPIO_HEADER_SIZE + 1] = 0; /* NUL inside the name */
    CHECK_EQ(read_all(buf, len, &count), CPIO_ERR_NAME);
    free(buf);

    /* The archive ends inside the name. */
    buf = build(1, 0, &len);
    REQUIRE(buf != NULL);
    CHECK_EQ(read_all(buf, CPIO_HEADER_SIZE + 2, &count), CPIO_ERR_NAME);
    free(buf);
}

TEST(cpio_file_size_past_end)
{
    size_t len;
    unsigned char *buf = build(2, 1, &len);
    struct cpio_reader r;
    struct cpio_entry e;
    size_t second;

    REQUIRE(buf != NULL);
    cpio_reader_init(&r, buf, len);
    REQUIRE(cpio_next(&r, &e) == 1);
    second = cpio_reader_offset(&r); /* etc/motd */
    set_field(buf + second, 6, (uint32_t)len);
    cpio_reader_init(&r, buf, len);
    CHECK_EQ(cpio_next(&r, &e), 1);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_DATA);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_DATA);
    set_field(buf + second, 6, 0xffffffffu);
    cpio_reader_init(&r, buf, len);
    CHECK_EQ(cpio_next(&r, &e), 1);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_DATA);
    /* Exactly up to the end of the archive is in bounds (then no trailer). */
    set_field(buf + second, 6, (uint32_t)(len - second - CPIO_HEADER_SIZE - 10));
    cpio_reader_init(&r, buf, len);
    CHECK_EQ(cpio_next(&r, &e), 1);
    CHECK_EQ(cpio_next(&r, &e), 1);
    CHECK_EQ((const unsigned char *)e.data + e.size - buf, len);
    CHECK_EQ(cpio_next(&r, &e), CPIO_ERR_NO_TRAILER);
    free(buf);
}

TEST(cpio_name_too_long)
{
    static char name[CPIO_NAME_MAX + 2];
    unsigned char *buf;
    struct cpio_writer w;
    struct cpio_entry e = {0};
    int count;

    memset(name, 'n', sizeof name - 1);
    e.name = name;
    e.mode = CPIO_S_IFDIR | 0755;
    e.name_len = CPIO_NAME_MAX + 1;
    cpio_writer_init(&w, NULL, 0);
    CHECK_EQ(cpio_write_entry(&w, &e), CPIO_ERR_INVAL);
    e.name_len = CPIO_NAME_MAX;
    CHECK_EQ(cpio_write_entry(&w, &e), 0);
    CHECK_EQ(cpio_write_trailer(&w), 0);
    buf = malloc(w.len);
    cpio_writer_init(&w, buf, w.len);
    CHECK_EQ(cpio_write_entry(&w, &e), 0);
    CHECK_EQ(cpio_write_trailer(&w), 0);
    CHECK_EQ(read_all(buf, w.len, &count), 0);
    CHECK_EQ(count, 1);
    set_field(buf, 11, CPIO_NAME_MAX + 2);
    CHECK_EQ(read_all(buf, w.len, &count), CPIO_ERR_NAME);
    free(buf);
}

TEST(cpio_random_corruption_never_reads_out_of_bounds)
{
    size_t len;
    unsigned char *full = build(SAMPLE_COUNT, 1, &len);
    unsigned int seed = 12345;
    int round;

    REQUIRE(full != NULL);
    for (round = 0; round < 3000; round++) {
        size_t cut = len - (size_t)(rand_r(&seed) % 16);
        unsigned char *buf = copy(full, cut);
        int flips = 1 + rand_r(&seed) % 4, i, count, rc;

        for (i = 0; i < flips; i++) {
            size_t at = (size_t)rand_r(&seed) % cut;
            static const char pool[] = "0123456789abcdefF\0 TRAILER!";
            buf[at] = (unsigned char)pool[rand_r(&seed) % (sizeof pool - 1)];
        }
        rc = read_all(buf, cut, &count);
        CHECK(rc <= 0);
        CHECK(count <= SAMPLE_COUNT + 1);
        free(buf);
    }
    free(full);
}

TEST(cpio_strerror_names_every_error)
{
    int err;

    for (err = CPIO_ERR_INVAL; err <= 0; err++)
        CHECK(strcmp(cpio_strerror(err), "unknown error") != 0);
    CHECK_STR(cpio_strerror(-100), "unknown error");
}
