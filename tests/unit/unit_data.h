/*
 * tests/unit/unit_data.h — loading the unit tests' data files (the device
 * tree blobs tests/unit/build.mk makes).  The directory is UNIT_DATA_DIR,
 * compiled in, or $KEEL_UNIT_DATA.
 */
#ifndef KEEL_UNIT_DATA_H
#define KEEL_UNIT_DATA_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef UNIT_DATA_DIR
#define UNIT_DATA_DIR "build/unit/data"
#endif

/*
 * unit_data_load: the file `name` in the data directory, in a malloc'd
 * buffer of exactly its size (so ASan sees any read past the end); *size
 * gets the size.  NULL (with a message on stderr) if it cannot be read.
 */
__attribute__((unused)) static uint8_t *unit_data_load(const char *name, size_t *size)
{
    const char *dir = getenv("KEEL_UNIT_DATA");
    char path[1024];
    FILE *fp;
    uint8_t *buf = NULL;
    long n;

    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : UNIT_DATA_DIR, name);
    fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "    cannot open %s\n", path);
        return NULL;
    }
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n);
        if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *size = (size_t)n;
    }
    fclose(fp);
    if (!buf)
        fprintf(stderr, "    cannot read %s\n", path);
    return buf;
}

#endif
