/* kernel/lib/strscpy.c — bounded string copy (see keel/string.h). */
#include <keel/string.h>

#include <abi/errno.h>

long strscpy(char *dst, const char *src, size_t size)
{
    size_t i;

    if (size == 0)
        return -E2BIG;
    for (i = 0; i < size - 1 && src[i]; i++)
        dst[i] = src[i];
    dst[i] = '\0';
    if (src[i])
        return -E2BIG;
    return (long)i;
}
