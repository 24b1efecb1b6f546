/*
 * keel/string.h — the C string functions for kernel code.
 *
 * Host unit tests (KEEL_HOST_TEST) get the C library's <string.h>; the
 * freestanding kernel gets these declarations, implemented in
 * kernel/lib/string.c with the standard semantics.  strscpy is Keel's own
 * (kernel/lib/strscpy.c, built in both worlds).
 */
#ifndef KEEL_STRING_H
#define KEEL_STRING_H

#include <stddef.h>

#ifdef KEEL_HOST_TEST
#include <string.h>
#else
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
#endif

/*
 * strscpy (Linux semantics): copy the string `src` into `dst`, a buffer of
 * `size` bytes, always NUL-terminating it when size > 0.  Returns the number
 * of characters copied (not counting the NUL), or -E2BIG if `src` did not
 * fit (dst then holds the truncated prefix) or size is 0.
 */
long strscpy(char *dst, const char *src, size_t size);

#endif
