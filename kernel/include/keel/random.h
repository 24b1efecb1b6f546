/*
 * keel/random.h — the kernel entropy pool: seeded at boot from the timer
 * counter, the boot arguments and (where the CPU has it) RNDR, stirred by
 * interrupt timings, expanded with a ChaCha20-based generator.  random_lock
 * (random.c) guards the state.
 */
#ifndef KEEL_RANDOM_H
#define KEEL_RANDOM_H

#include <stddef.h>
#include <stdint.h>

void random_init(const void *seed, size_t len);
/* random_mix: add a little entropy (interrupt timing). */
void random_mix(uint64_t v);
/* random_bytes: fill buf with generator output. */
void random_bytes(void *buf, size_t len);

#endif
