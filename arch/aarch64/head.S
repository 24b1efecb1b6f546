/*
 * arch/aarch64/head.S — the image header and the boot CPU's path into C.
 *
 * Assumptions (the Linux arm64 boot protocol, followed by QEMU -kernel,
 * U-Boot booti, the Raspberry Pi firmware and Keel's own EFI stub):
 *   - entered at offset 0 of the image, at EL3, EL2 or EL1, little-endian;
 *   - MMU off; the image cleaned to the point of coherency;
 *   - x0 = physical address of the DTB (raw boot) or of a
 *     struct efi_boot_info (Keel's EFI stub); x1..x3 = 0;
 *   - the image sits at a 4 KiB-aligned physical address and the memory
 *     from _text to _end (image_size: BSS included) is free RAM.
 *
 * Register allocation on the boot path (callee-saved, live until kmain):
 *   x19  boot argument (x0 at entry)
 *   x20  physical address of _text
 *   x21  exception level at entry (1, 2 or 3)
 *
 * Output: kmain(boot_arg, entry_el) runs at EL1 with the MMU and caches on,
 * on the boot stack, with the kernel image at KIMAGE_VA (TTBR1), the
 * 1 GiB blocks holding the image and the boot argument in the linear map,
 * an identity map of the image's 1 GiB block in TTBR0, and BSS zeroed.
 */
#include <arch/memlayout.h>
#include <arch/pgtable.h>
#include <arch/sysreg.h>

#define BOOT_L3_TABLES (KIMAGE_MAX_SIZE >> L2_SHIFT)
#define NORMAL_PAGE (PTE_VALID | PTE_PAGE | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF)
#define NORMAL_BLOCK (PTE_VALID | PTE_BLOCK | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF)
#define TABLE_DESC (PTE_VALID | PTE_TABLE)

	.section ".head.text", "ax"
	.globl	_text
_text:
#include "image_header.inc"
#include "efi_header.inc"

	.text
	.globl	primary_entry
primary_entry:
	mov	x19, x0
	adr	x20, _text
	mrs	x21, CurrentEL
	lsr	x21, x21, #2
	msr	daifset, #0xf

	cmp	x21, #3
	b.ne	1f
	/* EL3 -> EL2: non-secure, AArch64 EL2, HVC enabled. */
	ldr	x0, =(SCR_RES1 | SCR_NS | SCR_HCE | SCR_RW)
	msr	scr_el3, x0
	mov	x0, #(SPSR_DAIF | SPSR_EL2H)
	msr	spsr_el3, x0
	adr	x0, 1f
	msr	elr_el3, x0
	eret
1:	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	2f
	/* EL2 -> EL1: AArch64 EL1, timers and FP untrapped, GICv3 sysregs on. */
	mov	x0, #HCR_RW
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #3
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mov	x0, #0x33ff
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #24, #4
	cbz	x0, 3f
	mrs	x0, S3_4_C12_C9_5		/* ICC_SRE_EL2 */
	orr	x0, x0, #0xf			/* SRE, DFB, DIB, Enable */
	msr	S3_4_C12_C9_5, x0
	isb
3:	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	mov	x0, #(SPSR_DAIF | SPSR_EL1H)
	msr	spsr_el2, x0
	adr	x0, 2f
	msr	elr_el2, x0
	eret

2:	/* EL1, MMU and D-cache off. */
	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	isb
	mov	x0, #CPACR_FPEN
	msr	cpacr_el1, x0

	/* No stale cache line may shadow BSS or the boot tables. */
	adrp	x0, __bss_start
	adrp	x1, _end
	bl	dcache_inval_range
	adrp	x0, __bss_start
	adrp	x1, _end
4:	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	4b

	bl	create_boot_tables
	adrp	x0, __bss_start
	adrp	x1, _end
	bl	dcache_inval_range

	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	ldr	x0, =TCR_VALUE
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #0xf			/* PARange */
	cmp	x1, #5
	mov	x2, #5
	csel	x1, x1, x2, ls			/* at most 48 bits */
	bfi	x0, x1, #TCR_IPS_SHIFT, #3
	msr	tcr_el1, x0
	adrp	x0, boot_l0_ttbr0
	msr	ttbr0_el1, x0
	adrp	x0, boot_l0_ttbr1
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x0, =(SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA | SCTLR_EL0_ACCESS)
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =primary_high
	br	x0

primary_high:
	ldr	x0, =boot_stack_top
	mov	sp, x0
	ldr	x0, =exception_vectors
	msr	vbar_el1, x0
	isb
	ldr	x0, =kimage_phys_base
	str	x20, [x0]
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	mov	x1, x21
	bl	kmain
5:	wfi
	b	5b

/*
 * create_boot_tables: fill the boot translation tables (in BSS, zeroed).
 * In: x19 boot argument, x20 physical _text.  Clobbers x0-x9.  MMU off.
 * Local routine 3: uses x1-x4, x6.
 */
create_boot_tables:
	mov	x9, x30
	/* TTBR1: L0[511] -> L1 -> L2 -> L3 tables mapping the image page by page. */
	adrp	x0, boot_l0_ttbr1
	adrp	x1, boot_l1_image
	orr	x2, x1, #TABLE_DESC
	str	x2, [x0, #(PT_INDEX(KIMAGE_VA, L0_SHIFT) * 8)]
	adrp	x2, boot_l2_image
	orr	x3, x2, #TABLE_DESC
	str	x3, [x1, #(PT_INDEX(KIMAGE_VA, L1_SHIFT) * 8)]
	adrp	x3, boot_l3_image
	mov	x4, #0
1:	add	x5, x3, x4, lsl #PAGE_SHIFT
	orr	x5, x5, #TABLE_DESC
	str	x5, [x2, x4, lsl #3]
	add	x4, x4, #1
	cmp	x4, #BOOT_L3_TABLES
	b.lo	1b
	adrp	x4, _end			/* pages = (_end - _text) / 4K */
	sub	x4, x4, x20
	lsr	x4, x4, #PAGE_SHIFT
	ldr	x6, =NORMAL_PAGE
	orr	x5, x20, x6
	mov	x7, #0
2:	str	x5, [x3, x7, lsl #3]
	add	x5, x5, #PAGE_SIZE
	add	x7, x7, #1
	cmp	x7, x4
	b.lo	2b

	/* TTBR1: linear map of the 1 GiB blocks holding the image and x19. */
	adrp	x1, boot_l1_linear
	orr	x2, x1, #TABLE_DESC
	str	x2, [x0, #(PT_INDEX(LINEAR_BASE, L0_SHIFT) * 8)]
	ldr	x6, =(NORMAL_BLOCK | PTE_PXN | PTE_UXN)
	mov	x2, x20
	bl	3f
	mov	x2, x19
	bl	3f

	/* TTBR0: identity map of the image's 1 GiB block (for the MMU switch). */
	adrp	x0, boot_l0_ttbr0
	adrp	x1, boot_l1_ttbr0
	lsr	x2, x20, #L0_SHIFT
	orr	x3, x1, #TABLE_DESC
	str	x3, [x0, x2, lsl #3]
	ldr	x6, =NORMAL_BLOCK
	mov	x2, x20
	bl	3f
	mov	x30, x9
	ret

	/* 3: L1 (x1) 1 GiB block for physical x2 with attributes x6, if below 512 GiB. */
3:	lsr	x3, x2, #L1_SHIFT
	cmp	x3, #PT_ENTRIES
	b.hs	4f
	lsl	x4, x3, #L1_SHIFT
	orr	x4, x4, x6
	str	x4, [x1, x3, lsl #3]
4:	ret

/*
 * dcache_inval_range: invalidate data cache lines of [x0, x1) to the PoC.
 * Clobbers x0-x3.
 */
	.globl	dcache_inval_range
dcache_inval_range:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4
	mov	x2, #4
	lsl	x2, x2, x3			/* line size in bytes */
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

	.ltorg

	.section ".boot.pgtables", "aw", %nobits
	.balign	PAGE_SIZE
boot_l0_ttbr1:	.space	PAGE_SIZE
boot_l1_image:	.space	PAGE_SIZE
boot_l2_image:	.space	PAGE_SIZE
boot_l3_image:	.space	PAGE_SIZE * BOOT_L3_TABLES
boot_l1_linear:	.space	PAGE_SIZE
boot_l0_ttbr0:	.space	PAGE_SIZE
boot_l1_ttbr0:	.space	PAGE_SIZE

	.data
	.balign	8
	.globl	kimage_phys_base
kimage_phys_base:
	.quad	0

	.section ".boot.stack", "aw", %nobits
	.balign	16
	.globl	boot_stack, boot_stack_top
boot_stack:	.space	BOOT_STACK_SIZE
boot_stack_top:
