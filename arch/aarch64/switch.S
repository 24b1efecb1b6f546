/*
 * arch/aarch64/switch.S — cpu_switch(prev, next): the context switch.
 *
 * Assumptions: called with interrupts masked by the scheduler; only the
 * callee-saved registers, lr and sp need saving (AAPCS64); FP/SIMD state
 * of user threads lives in their trap path (see arch/fpsimd.h).
 * In: x0 = &prev->ctx, x1 = &next->ctx.  Clobbers: x9, x10.
 * Returns into next at its saved lr.
 */
#include <arch/context.h>

	.text
	.globl	cpu_switch
cpu_switch:
	stp	x19, x20, [x0, #(CTX_X19 + 0)]
	stp	x21, x22, [x0, #(CTX_X19 + 16)]
	stp	x23, x24, [x0, #(CTX_X19 + 32)]
	stp	x25, x26, [x0, #(CTX_X19 + 48)]
	stp	x27, x28, [x0, #(CTX_X19 + 64)]
	mov	x9, sp
	stp	x29, x30, [x0, #(CTX_X19 + 80)]
	str	x9, [x0, #CTX_SP]

	ldp	x19, x20, [x1, #(CTX_X19 + 0)]
	ldp	x21, x22, [x1, #(CTX_X19 + 16)]
	ldp	x23, x24, [x1, #(CTX_X19 + 32)]
	ldp	x25, x26, [x1, #(CTX_X19 + 48)]
	ldp	x27, x28, [x1, #(CTX_X19 + 64)]
	ldp	x29, x30, [x1, #(CTX_X19 + 80)]
	ldr	x10, [x1, #CTX_SP]
	mov	sp, x10
	ret

/*
 * user_entry_prepare: where a thread made by thread_create_prepared starts.
 * In: x19 = int prepare(struct trap_frame *), x20 = the thread's trap frame
 * (sp is just below it).  Runs prepare with interrupts on; on 0 enters
 * user mode through the frame, else ends the process (prepare_failed).
 */
	.globl	user_entry_prepare
user_entry_prepare:
	msr	daifclr, #3
	mov	x0, x20
	blr	x19
	cbnz	x0, 1f
	msr	daifset, #3
	mov	sp, x20
	b	trap_return
1:	bl	prepare_failed
	b	.
