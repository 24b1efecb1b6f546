/*
 * arch/memlayout.h — the kernel's virtual address map (48-bit VA, 4 KiB
 * granule).  Shared by C and assembly.
 *
 *   0x0000_0000_0000_0000 .. 0x0000_ffff_ffff_ffff   user (TTBR0, per process)
 *   0xffff_0000_0000_0000 .. +256 TiB                linear map of RAM (pa + LINEAR_BASE)
 *   0xffff_fe00_0000_0000 .. +512 GiB                device MMIO (ioremap)
 *   0xffff_ff80_0000_0000 ..                         the kernel image (KIMAGE_VA)
 *
 * The kernel image is linked at KIMAGE_VA and mapped there with 4 KiB pages
 * from wherever it was loaded, so the load address only needs 4 KiB alignment.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#include <arch/const.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (UL(1) << PAGE_SHIFT)

#define LINEAR_BASE UL(0xffff000000000000)
#define IOREMAP_BASE UL(0xfffffe0000000000)
#define IOREMAP_SIZE (UL(512) << 30)
#define KIMAGE_VA UL(0xffffff8000000000)

/* Early boot tables (head.S) map at most this much kernel image. */
#define KIMAGE_MAX_SIZE (UL(8) << 20)

#define BOOT_STACK_SIZE (16 * 1024)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The physical address the image was loaded at (set by head.S). */
extern uint64_t kimage_phys_base;

/* phys_to_virt: the linear-map address of RAM at `pa` (valid after mmu_init). */
static inline void *phys_to_virt(uint64_t pa)
{
    return (void *)(pa + LINEAR_BASE);
}

/* virt_to_phys: physical address of a linear-map or kernel-image address. */
static inline uint64_t virt_to_phys(const void *va)
{
    uint64_t v = (uint64_t)va;
    if (v >= KIMAGE_VA)
        return v - KIMAGE_VA + kimage_phys_base;
    return v - LINEAR_BASE;
}
#endif

#endif
