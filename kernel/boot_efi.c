/*
 * kernel/boot_efi.c — fill boot_platform from Keel's EFI boot info
 * (arch/efi_boot.h): RAM and reserved ranges from the EFI memory map, the
 * initrd and command line from the stub, devices from the device tree copy
 * if the firmware gave a full one, else (boot_discover_late) from ACPI.
 */
#include <abi/errno.h>
#include <arch/efi_boot.h>
#include <arch/memlayout.h>
#include <keel/boot.h>
#include <keel/compiler.h>
#include <keel/fdt.h>
#include <keel/printk.h>
#include <keel/string.h>

int boot_discover_efi(uint64_t pa);

/* Usable by the page allocator once boot services are gone. */
static bool efi_type_free(uint32_t type)
{
    return type == EFI_CONVENTIONAL_MEMORY || type == EFI_BOOT_SERVICES_CODE ||
           type == EFI_BOOT_SERVICES_DATA || type == EFI_LOADER_CODE || type == EFI_LOADER_DATA;
}

/* Ordinary write-back RAM, mapped in the linear map (free or not). */
static bool efi_type_ram(uint32_t type, uint64_t attr)
{
    if (!(attr & EFI_MEMORY_WB))
        return false;
    return efi_type_free(type) || type == EFI_RUNTIME_SERVICES_CODE ||
           type == EFI_RUNTIME_SERVICES_DATA || type == EFI_ACPI_RECLAIM_MEMORY ||
           type == EFI_ACPI_MEMORY_NVS;
}

int boot_discover_efi(uint64_t pa)
{
    const struct efi_boot_info *info = (const void *)(LINEAR_BASE + pa);
    struct platform *p = &boot_platform;
    if (info->magic != EFI_BOOT_INFO_MAGIC)
        return -EINVAL;
    if (info->size < sizeof *info || info->size > (1UL << 30) - (pa & ((1UL << 30) - 1)) ||
        info->memmap < pa || info->memmap + info->memmap_size > pa + info->size ||
        info->memmap_desc_size < sizeof(struct efi_memory_descriptor))
        return -EINVAL;

    boot_state.efi_info_pa = pa;
    boot_state.efi_info_size = info->size;
    boot_state.acpi_rsdp = info->acpi_rsdp;

    /* A full device tree (acpi=off, U-Boot) describes devices; GRUB's stub
     * tree with only /chosen does not. */
    if (info->fdt && info->fdt >= pa && info->fdt + info->fdt_size <= pa + info->size) {
        const void *blob = (const void *)(LINEAR_BASE + info->fdt);
        struct platform tmp;
        const char *why;
        memset(&tmp, 0, sizeof tmp);
        if (platform_from_fdt(&tmp, blob, info->fdt_size, &why) == 0 && tmp.uart != UART_NONE &&
            tmp.gic_version) {
            *p = tmp;
            boot_state.fdt_pa = info->fdt;
            boot_state.fdt_size = info->fdt_size;
        }
    }
    if (!boot_state.fdt_pa) {
        memset(p, 0, sizeof *p);
        p->source = "acpi";
    }

    /* RAM and reservations: always from the EFI memory map. */
    p->mem_count = 0;
    p->reserved_count = 0;
    const uint8_t *map = (const uint8_t *)(LINEAR_BASE + info->memmap);
    for (uint64_t off = 0; off + info->memmap_desc_size <= info->memmap_size;
         off += info->memmap_desc_size) {
        const struct efi_memory_descriptor *d = (const void *)(map + off);
        uint64_t size = d->number_of_pages << 12;
        if (!efi_type_ram(d->type, d->attribute) || !size)
            continue;
        if (platform_add_mem(p, d->physical_start, size))
            pr_warn("boot: EFI memory map has more RAM ranges than Keel keeps");
        if (!efi_type_free(d->type))
            platform_add_reserved(p, d->physical_start, size);
    }

    if (info->initrd_size) {
        p->initrd_start = info->initrd_start;
        p->initrd_end = info->initrd_start + info->initrd_size;
    }
    boot_state.efi_initrd_source = info->initrd_source == EFI_INITRD_LOADFILE2 ? "LoadFile2"
                                   : info->initrd_source == EFI_INITRD_CHOSEN  ? "/chosen"
                                                                               : NULL;
    strscpy(p->bootargs, info->cmdline, sizeof p->bootargs);
    return 0;
}

/* acpi_map: ACPI tables live in RAM (ACPI reclaim/NVS), which the linear map
 * covers; anything else is refused. */
static const void *acpi_map(uint64_t phys, size_t len, void *ctx)
{
    const struct platform *p = ctx;
    for (unsigned i = 0; i < p->mem_count; i++) {
        uint64_t b = p->mem[i].base, e = b + p->mem[i].size;
        if (phys >= b && phys < e && len <= e - phys)
            return phys_to_virt(phys);
    }
    return NULL;
}

void boot_discover_late(void)
{
    if (boot_state.path != BOOT_PATH_EFI || boot_state.fdt_pa)
        return;
    if (!boot_state.acpi_rsdp) {
        pr_err("boot: UEFI gave neither a device tree nor ACPI tables");
        return;
    }
    static struct platform saved;
    saved = boot_platform;
    const char *why = NULL;
    int r = platform_from_acpi(&boot_platform, boot_state.acpi_rsdp, acpi_map, &saved, &why);
    /* Memory, the initrd and the command line came from the EFI stub. */
    memcpy(boot_platform.mem, saved.mem, sizeof saved.mem);
    boot_platform.mem_count = saved.mem_count;
    memcpy(boot_platform.reserved, saved.reserved, sizeof saved.reserved);
    boot_platform.reserved_count = saved.reserved_count;
    boot_platform.initrd_start = saved.initrd_start;
    boot_platform.initrd_end = saved.initrd_end;
    memcpy(boot_platform.bootargs, saved.bootargs, sizeof saved.bootargs);
    boot_platform.source = "acpi";
    if (r)
        pr_err("boot: ACPI tables unusable: %s", why ? why : "unknown reason");
}
