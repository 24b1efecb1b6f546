/* kernel/lib/format.c — kvsnprintf; see keel/format.h for the contract. */
#include <keel/format.h>

#include <stdbool.h>
#include <stdint.h>

struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

struct spec {
    bool left, zero, alt, space, plus;
    int width;
    int prec; /* -1: none */
};

static void put_number(struct out *o, const struct spec *s, uint64_t v, bool negative,
                       unsigned base, bool upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    if (s->prec == 0 && n == 1 && tmp[0] == '0')
        n = 0;

    char sign = negative ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
    int prefix_len = 0;
    while (prefix && prefix[prefix_len])
        prefix_len++;
    int zeros = s->prec > n ? s->prec - n : 0;
    int body = n + zeros + prefix_len + (sign ? 1 : 0);
    int fill = s->width > body ? s->width - body : 0;

    if (!s->left && !(s->zero && s->prec < 0))
        pad(o, ' ', fill);
    if (sign)
        put(o, sign);
    if (prefix)
        for (int i = 0; i < prefix_len; i++)
            put(o, prefix[i]);
    if (!s->left && s->zero && s->prec < 0)
        pad(o, '0', fill);
    pad(o, '0', zeros);
    while (n)
        put(o, tmp[--n]);
    if (s->left)
        pad(o, ' ', fill);
}

static void put_string(struct out *o, const struct spec *s, const char *str)
{
    if (!str)
        str = "(null)";
    int n = 0;
    while (str[n] && (s->prec < 0 || n < s->prec))
        n++;
    int fill = s->width > n ? s->width - n : 0;
    if (!s->left)
        pad(o, ' ', fill);
    for (int i = 0; i < n; i++)
        put(o, str[i]);
    if (s->left)
        pad(o, ' ', fill);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static uint64_t get_unsigned(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_CHAR:
        return (unsigned char)va_arg(*ap, unsigned);
    case LEN_SHORT:
        return (unsigned short)va_arg(*ap, unsigned);
    case LEN_LONG:
        return va_arg(*ap, unsigned long);
    case LEN_LLONG:
        return va_arg(*ap, unsigned long long);
    case LEN_SIZE:
        return va_arg(*ap, size_t);
    default:
        return va_arg(*ap, unsigned);
    }
}

static int64_t get_signed(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_CHAR:
        return (signed char)va_arg(*ap, int);
    case LEN_SHORT:
        return (short)va_arg(*ap, int);
    case LEN_LONG:
        return va_arg(*ap, long);
    case LEN_LLONG:
        return va_arg(*ap, long long);
    case LEN_SIZE:
        return (int64_t)va_arg(*ap, size_t);
    default:
        return va_arg(*ap, int);
    }
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
    struct out o = {buf, size, 0};
    va_list ap;
    va_copy(ap, ap_in);

    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            put(&o, *p);
            continue;
        }
        struct spec s = {.prec = -1};
        for (;;) {
            char f = *++p;
            if (f == '-')
                s.left = true;
            else if (f == '0')
                s.zero = true;
            else if (f == '#')
                s.alt = true;
            else if (f == ' ')
                s.space = true;
            else if (f == '+')
                s.plus = true;
            else
                break;
        }
        if (*p == '*') {
            s.width = va_arg(ap, int);
            if (s.width < 0) {
                s.left = true;
                s.width = -s.width;
            }
            p++;
        } else {
            while (*p >= '0' && *p <= '9')
                s.width = s.width * 10 + (*p++ - '0');
        }
        if (*p == '.') {
            p++;
            s.prec = 0;
            if (*p == '*') {
                s.prec = va_arg(ap, int);
                if (s.prec < 0)
                    s.prec = -1;
                p++;
            } else {
                while (*p >= '0' && *p <= '9')
                    s.prec = s.prec * 10 + (*p++ - '0');
            }
        }
        enum length len = LEN_INT;
        if (*p == 'h') {
            len = LEN_SHORT;
            if (*++p == 'h') {
                len = LEN_CHAR;
                p++;
            }
        } else if (*p == 'l') {
            len = LEN_LONG;
            if (*++p == 'l') {
                len = LEN_LLONG;
                p++;
            }
        } else if (*p == 'z' || *p == 't' || *p == 'j') {
            len = LEN_SIZE;
            p++;
        }

        switch (*p) {
        case 'd':
        case 'i': {
            int64_t v = get_signed(&ap, len);
            uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
            put_number(&o, &s, mag, v < 0, 10, false, NULL);
            break;
        }
        case 'u':
            put_number(&o, &s, get_unsigned(&ap, len), false, 10, false, NULL);
            break;
        case 'x':
        case 'X': {
            uint64_t v = get_unsigned(&ap, len);
            put_number(&o, &s, v, false, 16, *p == 'X',
                       s.alt && v ? (*p == 'X' ? "0X" : "0x") : NULL);
            break;
        }
        case 'o': {
            uint64_t v = get_unsigned(&ap, len);
            put_number(&o, &s, v, false, 8, false, s.alt && v ? "0" : NULL);
            break;
        }
        case 'p': {
            struct spec ps = {.prec = 16, .width = s.width, .left = s.left};
            put_number(&o, &ps, (uint64_t)(uintptr_t)va_arg(ap, void *), false, 16, false, "0x");
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            int fill = s.width > 1 ? s.width - 1 : 0;
            if (!s.left)
                pad(&o, ' ', fill);
            put(&o, c);
            if (s.left)
                pad(&o, ' ', fill);
            break;
        }
        case 's':
            put_string(&o, &s, va_arg(ap, const char *));
            break;
        case '%':
            put(&o, '%');
            break;
        case '\0':
            p--; /* a lone '%' at the end: stop */
            break;
        default:
            put(&o, '%');
            put(&o, *p);
            break;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    va_end(ap);
    return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
