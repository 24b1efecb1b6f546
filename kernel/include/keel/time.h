/*
 * keel/time.h — wall-clock time.  The monotonic clock is the generic timer
 * (arch/timer.h); the real-time clock is the boot time read from an RTC
 * (the PL031 on QEMU virt) plus the monotonic clock, or the epoch when
 * there is no RTC.
 */
#ifndef KEEL_TIME_H
#define KEEL_TIME_H

#include <stdint.h>

struct platform;

/* time_init: read the RTC, if the platform has one. */
void time_init(const struct platform *p);

/* time_realtime_ns: nanoseconds since 1970-01-01 UTC. */
uint64_t time_realtime_ns(void);

/* time_set_realtime_ns: settimeofday/clock_settime. */
void time_set_realtime_ns(uint64_t ns);

/* time_boot_epoch: seconds since the epoch at boot (0 without an RTC). */
uint64_t time_boot_epoch(void);

#endif
