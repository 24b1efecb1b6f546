/*
 * arch/aarch64/efi/stub.c — Keel's EFI stub: what runs when firmware or
 * GRUB starts kernel8.img as an EFI application.
 *
 * It collects what the kernel needs into one struct efi_boot_info block
 * (arch/efi_boot.h) — command line, device tree copy, ACPI RSDP, initrd
 * (LoadFile2, else the device tree's /chosen), memory map — exits boot
 * services and returns the block's address; efi_enter_kernel (entry.S)
 * then enters the raw boot path.  Runs from wherever the firmware loaded
 * the image: only PC-relative code and no pointers in static data.
 * Returns 0 (to fail back to the firmware) on any error before
 * ExitBootServices, after printing why on the firmware console.
 */
#include "efi.h"

#include <arch/efi_boot.h>
#include <keel/fdt.h>
#include <keel/string.h>

uint64_t efi_stub_main(efi_handle_t image, efi_system_table_t *systab);

#define EFI_PAGE 4096UL
#define MEMMAP_SLACK 8192 /* room for the map to grow between calls */

static void efi_puts(efi_system_table_t *st, const char *s)
{
    efi_char16_t buf[128];
    size_t n = 0;
    for (; *s; s++) {
        if (*s == '\n')
            buf[n++] = '\r';
        buf[n++] = (efi_char16_t)(unsigned char)*s;
        if (n >= (sizeof buf / sizeof buf[0]) - 2) {
            buf[n] = 0;
            st->con_out->output_string(st->con_out, buf);
            n = 0;
        }
    }
    buf[n] = 0;
    st->con_out->output_string(st->con_out, buf);
}

static int guid_eq(const efi_guid_t *a, const efi_guid_t *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static void *config_table(efi_system_table_t *st, const efi_guid_t *guid)
{
    for (uint64_t i = 0; i < st->number_of_table_entries; i++)
        if (guid_eq(&st->configuration_table[i].guid, guid))
            return st->configuration_table[i].table;
    return NULL;
}

/* cmdline_from_options: LoadOptions (UCS-2) into ASCII, non-ASCII as '?'. */
static void cmdline_from_options(char *out, size_t size, const efi_loaded_image_t *li)
{
    const efi_char16_t *in = li->load_options;
    size_t n = 0, units = li->load_options_size / 2;
    for (size_t i = 0; in && i < units && in[i] && n + 1 < size; i++)
        out[n++] = in[i] < 0x80 ? (char)in[i] : '?';
    out[n] = '\0';
}

/* initrd_loadfile2: load the initrd offered on the Linux initrd media device
 * path into fresh EfiLoaderData pages.  Returns 0 and fills start/size, or
 * -1 if no initrd is offered this way. */
static int initrd_loadfile2(efi_system_table_t *st, uint64_t *start, uint64_t *size)
{
    efi_boot_services_t *bs = st->boot_services;
    struct efi_initrd_device_path dp = {
        .type = 4,    /* media */
        .subtype = 3, /* vendor */
        .length = {20, 0},
        .vendor = LINUX_EFI_INITRD_MEDIA_GUID,
        .end_type = 0x7f,
        .end_subtype = 0xff,
        .end_length = {4, 0},
    };
    efi_guid_t lf2_guid = LOAD_FILE2_PROTOCOL_GUID;
    void *path = &dp;
    efi_handle_t handle;
    if (bs->locate_device_path(&lf2_guid, &path, &handle) != EFI_SUCCESS)
        return -1;
    efi_load_file2_t *lf2;
    if (bs->handle_protocol(handle, &lf2_guid, (void **)&lf2) != EFI_SUCCESS)
        return -1;
    uint64_t len = 0;
    efi_status_t s = lf2->load_file(lf2, &dp, 0, &len, NULL);
    if (s != EFI_BUFFER_TOO_SMALL || len == 0)
        return -1;
    uint64_t addr = 0;
    if (bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFI_LOADER_DATA, (len + EFI_PAGE - 1) / EFI_PAGE,
                           &addr) != EFI_SUCCESS)
        return -1;
    if (lf2->load_file(lf2, &dp, 0, &len, (void *)addr) != EFI_SUCCESS) {
        bs->free_pages(addr, (len + EFI_PAGE - 1) / EFI_PAGE);
        return -1;
    }
    *start = addr;
    *size = len;
    return 0;
}

/* initrd_from_chosen: linux,initrd-start/end in the device tree. */
static int initrd_from_chosen(const void *blob, size_t size, uint64_t *start, uint64_t *len)
{
    struct fdt f;
    if (fdt_init(&f, blob, size, NULL))
        return -1;
    int chosen = fdt_path_offset(&f, "/chosen");
    uint64_t s, e;
    if (chosen < 0 || fdt_getprop_cells(&f, chosen, "linux,initrd-start", &s) ||
        fdt_getprop_cells(&f, chosen, "linux,initrd-end", &e) || e <= s)
        return -1;
    *start = s;
    *len = e - s;
    return 0;
}

static uint32_t current_el(void)
{
    uint64_t el;
    __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
    return (uint32_t)(el >> 2);
}

uint64_t efi_stub_main(efi_handle_t image, efi_system_table_t *st)
{
    efi_boot_services_t *bs = st->boot_services;
    efi_guid_t li_guid = LOADED_IMAGE_PROTOCOL_GUID;
    efi_guid_t dt_guid = DEVICE_TREE_GUID;
    efi_guid_t acpi_guid = ACPI_20_TABLE_GUID;
    efi_loaded_image_t *li = NULL;

    efi_puts(st, "Keel EFI stub: starting\n");
    if (bs->handle_protocol(image, &li_guid, (void **)&li) != EFI_SUCCESS || !li) {
        efi_puts(st, "Keel EFI stub: no loaded-image protocol\n");
        return 0;
    }
    const void *fdt = config_table(st, &dt_guid);
    uint64_t fdt_size = 0;
    if (fdt && fdt_check(fdt, 1 << 21, NULL) == 0)
        fdt_size = fdt_be32((const uint8_t *)fdt + 4);
    else
        fdt = NULL;

    /* One block: header, memory map (with slack), device tree copy. */
    uint64_t map_size = 0, map_key, desc_size;
    uint32_t desc_version;
    bs->get_memory_map(&map_size, NULL, &map_key, &desc_size, &desc_version);
    uint64_t map_room = map_size + MEMMAP_SLACK;
    uint64_t header = (sizeof(struct efi_boot_info) + 15) & ~15UL;
    uint64_t total = header + map_room + fdt_size;
    uint64_t pages = (total + EFI_PAGE - 1) / EFI_PAGE;
    uint64_t block = 0;
    if (bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFI_LOADER_DATA, pages, &block) != EFI_SUCCESS) {
        efi_puts(st, "Keel EFI stub: cannot allocate the boot info block\n");
        return 0;
    }
    struct efi_boot_info *info = (struct efi_boot_info *)block;
    memset(info, 0, header);
    info->magic = EFI_BOOT_INFO_MAGIC;
    info->size = pages * EFI_PAGE;
    info->acpi_rsdp = (uint64_t)config_table(st, &acpi_guid);
    info->firmware_el = current_el();
    info->image_base = (uint64_t)li->image_base;
    cmdline_from_options(info->cmdline, sizeof info->cmdline, li);
    if (fdt) {
        info->fdt = block + header + map_room;
        info->fdt_size = fdt_size;
        memcpy((void *)info->fdt, fdt, fdt_size);
    }

    if (initrd_loadfile2(st, &info->initrd_start, &info->initrd_size) == 0) {
        info->initrd_source = EFI_INITRD_LOADFILE2;
        efi_puts(st, "Keel EFI stub: initrd from LoadFile2\n");
    } else if (fdt &&
               initrd_from_chosen(fdt, fdt_size, &info->initrd_start, &info->initrd_size) == 0) {
        info->initrd_source = EFI_INITRD_CHOSEN;
        efi_puts(st, "Keel EFI stub: initrd from /chosen\n");
    }
    efi_puts(st, info->acpi_rsdp ? "Keel EFI stub: ACPI tables found\n"
                                 : "Keel EFI stub: no ACPI tables\n");
    efi_puts(st, "Keel EFI stub: exiting boot services\n");

    /* Get the final map and exit; the firmware may change the map once
     * (e.g. freeing an event), so retry a few times.  No allocation and no
     * console output from here on. */
    info->memmap = block + header;
    for (int attempt = 0; attempt < 4; attempt++) {
        uint64_t size = map_room;
        if (bs->get_memory_map(&size, (void *)info->memmap, &map_key, &desc_size, &desc_version) !=
            EFI_SUCCESS)
            return 0;
        info->memmap_size = size;
        info->memmap_desc_size = desc_size;
        info->memmap_desc_version = desc_version;
        if (bs->exit_boot_services(image, map_key) == EFI_SUCCESS)
            return block;
    }
    return 0;
}
