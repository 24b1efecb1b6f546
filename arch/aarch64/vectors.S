/*
 * arch/aarch64/vectors.S — the EL1 exception vector table.
 *
 * Assumptions: the kernel runs at EL1 with SPSel = 1, so every exception
 * (from EL1 or EL0) lands on SP_EL1: the current kernel stack.
 *
 * Each of the 16 entries saves x0/x1, loads its kind into x1 and branches to
 * trap_entry, which saves the rest of a struct trap_frame (arch/trap.h),
 * calls trap_dispatch(frame, kind), restores everything (the handler may
 * have changed ELR/SPSR/registers) and returns with eret.
 */
#include <arch/trap.h>

.macro vector kind
	.balign	0x80
	sub	sp, sp, #TF_SIZE
	stp	x0, x1, [sp, #(0 * 8)]
	mov	x1, #(\kind)
	b	trap_entry
.endm

	.text
	.balign	2048
	.globl	exception_vectors
exception_vectors:
	vector	VEC_EL1T | VEC_SYNC
	vector	VEC_EL1T | VEC_IRQ
	vector	VEC_EL1T | VEC_FIQ
	vector	VEC_EL1T | VEC_SERROR
	vector	VEC_EL1H | VEC_SYNC
	vector	VEC_EL1H | VEC_IRQ
	vector	VEC_EL1H | VEC_FIQ
	vector	VEC_EL1H | VEC_SERROR
	vector	VEC_EL0_64 | VEC_SYNC
	vector	VEC_EL0_64 | VEC_IRQ
	vector	VEC_EL0_64 | VEC_FIQ
	vector	VEC_EL0_64 | VEC_SERROR
	vector	VEC_EL0_32 | VEC_SYNC
	vector	VEC_EL0_32 | VEC_IRQ
	vector	VEC_EL0_32 | VEC_FIQ
	vector	VEC_EL0_32 | VEC_SERROR

/*
 * trap_entry: in: x1 = kind, x0/x1 of the interrupted context saved at
 * [sp].  Builds the frame, calls trap_dispatch, restores, erets.
 */
trap_entry:
	stp	x2, x3, [sp, #(2 * 8)]
	stp	x4, x5, [sp, #(4 * 8)]
	stp	x6, x7, [sp, #(6 * 8)]
	stp	x8, x9, [sp, #(8 * 8)]
	stp	x10, x11, [sp, #(10 * 8)]
	stp	x12, x13, [sp, #(12 * 8)]
	stp	x14, x15, [sp, #(14 * 8)]
	stp	x16, x17, [sp, #(16 * 8)]
	stp	x18, x19, [sp, #(18 * 8)]
	stp	x20, x21, [sp, #(20 * 8)]
	stp	x22, x23, [sp, #(22 * 8)]
	stp	x24, x25, [sp, #(24 * 8)]
	stp	x26, x27, [sp, #(26 * 8)]
	stp	x28, x29, [sp, #(28 * 8)]
	tst	x1, #(2 << 2)			/* from EL0? */
	b.eq	1f
	mrs	x2, sp_el0
	b	2f
1:	add	x2, sp, #TF_SIZE
2:	stp	x30, x2, [sp, #(30 * 8)]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #TF_ELR]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #TF_ESR]
	/* A frame record so backtraces walk through the exception. */
	mov	x0, sp
	ldr	x29, [sp, #TF_X29]
	bl	trap_dispatch

	.globl	trap_return
trap_return:
	ldp	x2, x3, [sp, #TF_ELR]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldr	x2, [sp, #TF_SP]
	and	x3, x3, #0xf			/* SPSR.M: returning to EL0t? */
	cbnz	x3, 3f
	msr	sp_el0, x2
3:	ldp	x0, x1, [sp, #(0 * 8)]
	ldp	x2, x3, [sp, #(2 * 8)]
	ldp	x4, x5, [sp, #(4 * 8)]
	ldp	x6, x7, [sp, #(6 * 8)]
	ldp	x8, x9, [sp, #(8 * 8)]
	ldp	x10, x11, [sp, #(10 * 8)]
	ldp	x12, x13, [sp, #(12 * 8)]
	ldp	x14, x15, [sp, #(14 * 8)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldp	x18, x19, [sp, #(18 * 8)]
	ldp	x20, x21, [sp, #(20 * 8)]
	ldp	x22, x23, [sp, #(22 * 8)]
	ldp	x24, x25, [sp, #(24 * 8)]
	ldp	x26, x27, [sp, #(26 * 8)]
	ldp	x28, x29, [sp, #(28 * 8)]
	ldr	x30, [sp, #(30 * 8)]
	add	sp, sp, #TF_SIZE
	eret

/*
 * probe_read_u64(addr, out): x0 = address, x1 = result pointer.
 * Returns x0 = 0, or -EFAULT (via the exception table) if the load faulted.
 */
	.globl	probe_read_u64
probe_read_u64:
1:	ldr	x2, [x0]
	str	x2, [x1]
	mov	x0, #0
	ret
2:	mov	x0, #-14
	ret
	.section "__extable", "a"
	.balign	8
	.quad	1b, 2b

/*
 * probe_write_u32(addr, value): x0 = address, w1 = value.
 * Returns x0 = 0, or -EFAULT (via the exception table) if the store faulted.
 */
	.text
	.globl	probe_write_u32
probe_write_u32:
1:	str	w1, [x0]
	dsb	sy
	mov	x0, #0
	ret
2:	mov	x0, #-14
	ret
	.section "__extable", "a"
	.balign	8
	.quad	1b, 2b

/*
 * probe_read_u32(addr, out): x0 = address, x1 = result pointer.
 * Returns x0 = 0, or -EFAULT (via the exception table) if the load faulted.
 */
	.text
	.globl	probe_read_u32
probe_read_u32:
1:	ldr	w2, [x0]
	str	w2, [x1]
	mov	x0, #0
	ret
2:	mov	x0, #-14
	ret
	.section "__extable", "a"
	.balign	8
	.quad	1b, 2b
