/* keel/version.h — the version strings (defined in kernel/banner.c, the one
 * file rebuilt when the version or git revision changes). */
#ifndef KEEL_VERSION_H
#define KEEL_VERSION_H

extern const char keel_release[]; /* "0.1.0" */
extern const char keel_build[];   /* "<git rev> debug|release" */

#endif
