/*
 * keel/cmdline.h — the kernel command line (bootargs), parsed as
 * space-separated words "flag" or "key=value".  Pure code.
 */
#ifndef KEEL_CMDLINE_H
#define KEEL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * cmdline_find: look for `key` in the command line `s`.  A word matches if it
 * equals key, or starts with "key=".  Returns true if found; *value and
 * *len then describe the text after '=' (empty for a bare flag).
 */
bool cmdline_find(const char *s, const char *key, const char **value, size_t *len);

/* cmdline_get: copy key's value into buf (NUL-terminated, truncated to
 * size - 1).  Returns true if the key was present. */
bool cmdline_get(const char *s, const char *key, char *buf, size_t size);

/* cmdline_has: true if `key` is present as a bare flag or with a value. */
bool cmdline_has(const char *s, const char *key);

#endif
