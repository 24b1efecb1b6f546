/*
 * arch/aarch64/uaccess.S — user copies with unprivileged accesses; see
 * arch/uaccess.h.
 *
 * Each routine: x0 = destination, x1 = source (or none), x2 = length
 * (clear_user: x1 = length).  Returns x0 = bytes NOT copied.  Clobbers x3.
 * Eight bytes at a time while at least eight remain, then bytes.  A fault
 * in the word loop restarts that word byte by byte, so the count of bytes
 * not copied is exact; a fault in the byte loop ends the copy through the
 * exception table.
 */
	.text
	.globl	arch_copy_from_user
arch_copy_from_user:
	cmp	x2, #8
	b.lo	3f
1:	ldtr	x3, [x1]
	str	x3, [x0], #8
	add	x1, x1, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	1b
3:	cbz	x2, 5f
4:	ldtrb	w3, [x1]
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	4b
5:	mov	x0, x2
	ret
	.section "__extable", "a"
	.balign	8
	.quad	1b, 3b
	.quad	4b, 5b
	.text

	.globl	arch_copy_to_user
arch_copy_to_user:
	cmp	x2, #8
	b.lo	3f
1:	ldr	x3, [x1]
2:	sttr	x3, [x0]
	add	x0, x0, #8
	add	x1, x1, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	1b
3:	cbz	x2, 5f
4:	ldrb	w3, [x1]
6:	sttrb	w3, [x0]
	add	x0, x0, #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	4b
5:	mov	x0, x2
	ret
	.section "__extable", "a"
	.balign	8
	.quad	2b, 3b
	.quad	6b, 5b
	.text

	.globl	arch_clear_user
arch_clear_user:
	cmp	x1, #8
	b.lo	3f
1:	sttr	xzr, [x0]
	add	x0, x0, #8
	sub	x1, x1, #8
	cmp	x1, #8
	b.hs	1b
3:	cbz	x1, 5f
4:	sttrb	wzr, [x0]
	add	x0, x0, #1
	subs	x1, x1, #1
	b.ne	4b
5:	mov	x0, x1
	ret
	.section "__extable", "a"
	.balign	8
	.quad	1b, 3b
	.quad	4b, 5b
