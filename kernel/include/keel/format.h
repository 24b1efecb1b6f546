/*
 * keel/format.h — printf-style formatting for the kernel (pure code, also
 * unit-tested on the host).
 *
 * Supported: %d %i %u %x %X %o %c %s %p %%, the length modifiers hh h l ll z t j,
 * flags '-' '0' '#' ' ' '+', a width and a precision (numbers or '*').
 * %p prints 0x followed by 16 hex digits.  A NULL %s prints "(null)".
 */
#ifndef KEEL_FORMAT_H
#define KEEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * kvsnprintf: format into buf (at most size bytes, always NUL-terminated when
 * size > 0).  Returns the length the full output would have had, like C99
 * vsnprintf.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
