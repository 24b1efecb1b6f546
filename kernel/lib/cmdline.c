/* kernel/lib/cmdline.c — see keel/cmdline.h. */
#include <keel/cmdline.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool cmdline_find(const char *s, const char *key, const char **value, size_t *len)
{
    size_t klen = 0;
    while (key[klen])
        klen++;
    const char *p = s;
    while (p && *p) {
        while (is_space(*p))
            p++;
        const char *word = p;
        while (*p && !is_space(*p))
            p++;
        size_t wlen = (size_t)(p - word);
        if (wlen < klen)
            continue;
        size_t i = 0;
        while (i < klen && word[i] == key[i])
            i++;
        if (i != klen)
            continue;
        if (wlen == klen) {
            *value = word + wlen;
            *len = 0;
            return true;
        }
        if (word[klen] == '=') {
            *value = word + klen + 1;
            *len = wlen - klen - 1;
            return true;
        }
    }
    return false;
}

bool cmdline_get(const char *s, const char *key, char *buf, size_t size)
{
    const char *v;
    size_t n;
    if (!cmdline_find(s, key, &v, &n))
        return false;
    if (size) {
        if (n > size - 1)
            n = size - 1;
        for (size_t i = 0; i < n; i++)
            buf[i] = v[i];
        buf[n] = '\0';
    }
    return true;
}

bool cmdline_has(const char *s, const char *key)
{
    const char *v;
    size_t n;
    return cmdline_find(s, key, &v, &n);
}
