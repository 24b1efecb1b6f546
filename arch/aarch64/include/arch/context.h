/*
 * arch/context.h — the registers a thread keeps across cpu_switch(): the
 * AAPCS64 callee-saved ones (x19-x29), the return address and the stack.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#define CTX_X19 0
#define CTX_LR (11 * 8)
#define CTX_SP (12 * 8)
#define CTX_SIZE (13 * 8)

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct cpu_context {
    uint64_t x19_x29[11];
    uint64_t lr;
    uint64_t sp;
};
_Static_assert(offsetof(struct cpu_context, lr) == CTX_LR, "CTX_LR");
_Static_assert(offsetof(struct cpu_context, sp) == CTX_SP, "CTX_SP");
_Static_assert(sizeof(struct cpu_context) == CTX_SIZE, "CTX_SIZE");

/* cpu_switch: save the caller's context in *prev, resume *next.  Returns
 * (in the prev thread) when something switches back to it. */
void cpu_switch(struct cpu_context *prev, struct cpu_context *next);

/* trap_return: restore the trap frame at sp and eret (vectors.S).  A new
 * thread's context starts here with sp = its trap frame. */
void trap_return(void);
#endif

#endif
