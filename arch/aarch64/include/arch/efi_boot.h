/*
 * arch/efi_boot.h — what Keel's EFI stub (arch/aarch64/efi/) hands the
 * kernel in x0 instead of a device tree.
 *
 * One block of EfiLoaderData memory: this header, then the EFI memory map
 * (as GetMemoryMap returned it, descriptors of memmap_desc_size bytes), then
 * a copy of the device tree if the firmware or GRUB supplied one.  All
 * addresses are physical.  The block stays reserved for the kernel's life.
 */
#ifndef ARCH_EFI_BOOT_H
#define ARCH_EFI_BOOT_H

#include <stdint.h>

#define EFI_BOOT_INFO_MAGIC 0x314946454c45454bULL /* "KEELEFI1" */
#define EFI_BOOT_CMDLINE_MAX 512

enum efi_initrd_source {
    EFI_INITRD_NONE = 0,
    EFI_INITRD_LOADFILE2 = 1, /* LINUX_EFI_INITRD_MEDIA_GUID device path */
    EFI_INITRD_CHOSEN = 2,    /* linux,initrd-start/end in the DT's /chosen */
};

struct efi_boot_info {
    uint64_t magic; /* EFI_BOOT_INFO_MAGIC */
    uint64_t size;  /* bytes in the whole block */
    uint64_t fdt;   /* device tree copy inside the block, 0 if none */
    uint64_t fdt_size;
    uint64_t acpi_rsdp; /* ACPI 2.0 RSDP, 0 if none */
    uint64_t initrd_start;
    uint64_t initrd_size;
    uint64_t memmap; /* EFI memory map inside the block */
    uint64_t memmap_size;
    uint64_t memmap_desc_size;
    uint32_t memmap_desc_version;
    uint32_t initrd_source; /* enum efi_initrd_source */
    uint32_t firmware_el;   /* exception level the stub ran at */
    uint32_t reserved;
    uint64_t image_base;                /* where the firmware loaded kernel8.img */
    char cmdline[EFI_BOOT_CMDLINE_MAX]; /* UTF-8, NUL-terminated */
};

/* EFI memory descriptor (UEFI 2.x, 7.2 "EFI_BOOT_SERVICES.GetMemoryMap"). */
struct efi_memory_descriptor {
    uint32_t type;
    uint32_t pad;
    uint64_t physical_start;
    uint64_t virtual_start;
    uint64_t number_of_pages;
    uint64_t attribute;
};

#define EFI_RESERVED_MEMORY 0
#define EFI_LOADER_CODE 1
#define EFI_LOADER_DATA 2
#define EFI_BOOT_SERVICES_CODE 3
#define EFI_BOOT_SERVICES_DATA 4
#define EFI_RUNTIME_SERVICES_CODE 5
#define EFI_RUNTIME_SERVICES_DATA 6
#define EFI_CONVENTIONAL_MEMORY 7
#define EFI_UNUSABLE_MEMORY 8
#define EFI_ACPI_RECLAIM_MEMORY 9
#define EFI_ACPI_MEMORY_NVS 10
#define EFI_MEMORY_MAPPED_IO 11
#define EFI_MEMORY_MAPPED_IO_PORT 12
#define EFI_PAL_CODE 13
#define EFI_PERSISTENT_MEMORY 14
#define EFI_MEMORY_WB 0x8ULL

#endif
