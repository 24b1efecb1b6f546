/*
 * arch/fpsimd.h — a user thread's FP/SIMD registers.  The kernel itself is
 * built with -mgeneral-regs-only, so these registers only ever hold user
 * state: they are saved when a thread is switched out and restored when it
 * is switched in.
 */
#ifndef ARCH_FPSIMD_H
#define ARCH_FPSIMD_H

#include <stdint.h>

struct fpsimd_state {
    __uint128_t v[32];
    uint32_t fpsr;
    uint32_t fpcr;
    uint64_t pad;
} __attribute__((aligned(16)));

void fpsimd_save(struct fpsimd_state *s);
void fpsimd_load(const struct fpsimd_state *s);

#endif
