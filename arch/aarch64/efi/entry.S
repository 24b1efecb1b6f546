/*
 * arch/aarch64/efi/entry.S — the EFI application entry and the hand-off to
 * the raw boot path.
 *
 * Assumptions: called by the firmware (or GRUB through LoadImage /
 * StartImage) at EL1 or EL2 with the MMU on and an identity map, x0 =
 * image handle, x1 = system table.  Everything here is position-independent.
 *
 * efi_pe_entry: calls efi_stub_main(handle, systab).  On failure (the stub
 * returns 0) it returns EFI_LOAD_ERROR to the firmware; on success the
 * stub has exited boot services and returned the physical address of the
 * struct efi_boot_info, and we enter the kernel (never returning).
 */
	.text
	.globl	efi_pe_entry
efi_pe_entry:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	efi_stub_main
	cbnz	x0, efi_enter_kernel
	mov	x0, #1
	orr	x0, x0, #(1 << 63)		/* EFI_LOAD_ERROR */
	ldp	x29, x30, [sp], #16
	ret

/*
 * efi_enter_kernel: x0 = boot info.  Cleans the image to the PoC (head.S
 * runs with the MMU off), turns the MMU and caches off at the current EL,
 * and jumps to primary_entry with x0 = boot info.  Clobbers everything.
 */
efi_enter_kernel:
	mov	x19, x0
	msr	daifset, #0xf
	adr	x0, _text
	adrp	x1, _end
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4
	mov	x2, #4
	lsl	x2, x2, x3			/* D-cache line size */
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	civac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy

	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	2f
	mrs	x0, sctlr_el2
	bic	x0, x0, #1			/* M */
	bic	x0, x0, #(1 << 2)		/* C */
	msr	sctlr_el2, x0
	b	3f
2:	mrs	x0, sctlr_el1
	bic	x0, x0, #1
	bic	x0, x0, #(1 << 2)
	msr	sctlr_el1, x0
3:	isb
	ic	iallu
	dsb	sy
	isb
	mov	x0, x19
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	b	primary_entry
