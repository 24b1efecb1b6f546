/*
 * arch/aarch64/uaccess.S — byte-wise user copies with unprivileged
 * accesses; see arch/uaccess.h.  Simple byte loops: correctness first,
 * the bulk paths (pipes, file I/O) can get word-sized loops later.
 *
 * Each routine: x0 = destination, x1 = source (or none), x2 = length.
 * Returns x0 = bytes not copied.  Clobbers x3, x4.  A faulting LDTR/STTR
 * resumes at the routine's fixup label through __extable.
 */
	.text
	.globl	arch_copy_from_user
arch_copy_from_user:
	cbz	x2, 2f
1:	ldtrb	w3, [x1]
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	1b
2:	mov	x0, x2
	ret
3:	mov	x0, x2
	ret
	.section "__extable", "a"
	.balign	8
	.quad	1b, 3b
	.text

	.globl	arch_copy_to_user
arch_copy_to_user:
	cbz	x2, 2f
1:	ldrb	w3, [x1], #1
4:	sttrb	w3, [x0]
	add	x0, x0, #1
	subs	x2, x2, #1
	b.ne	1b
2:	mov	x0, x2
	ret
3:	mov	x0, x2
	ret
	.section "__extable", "a"
	.balign	8
	.quad	4b, 3b
	.text

	.globl	arch_clear_user
arch_clear_user:
	cbz	x1, 2f
1:	sttrb	wzr, [x0]
	add	x0, x0, #1
	subs	x1, x1, #1
	b.ne	1b
2:	mov	x0, x1
	ret
3:	mov	x0, x1
	ret
	.section "__extable", "a"
	.balign	8
	.quad	1b, 3b
