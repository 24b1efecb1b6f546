/*
 * keel/boot.h — what the boot path learned, for the rest of the kernel.
 *
 * boot_discover() runs once on the boot CPU before the MMU is rebuilt and
 * fills boot_platform from the device tree or from Keel's EFI boot info;
 * boot_discover_late() completes it (ACPI tables) once the linear map
 * exists.  Read-only afterwards.
 */
#ifndef KEEL_BOOT_H
#define KEEL_BOOT_H

#include <keel/platform.h>
#include <stdint.h>

enum boot_path { BOOT_PATH_RAW, BOOT_PATH_EFI };

struct boot_state {
    enum boot_path path;
    unsigned entry_el; /* exception level the kernel was entered at */
    uint64_t boot_arg; /* x0 at entry: DTB or efi_boot_info, physical */
    uint64_t fdt_pa;   /* the device tree in use, 0 if none */
    uint64_t fdt_size;
    uint64_t acpi_rsdp;   /* 0 if none */
    uint64_t efi_info_pa; /* Keel's EFI boot info block, 0 on raw boots */
    uint64_t efi_info_size;
    const char *efi_initrd_source; /* "LoadFile2", "/chosen" or NULL */
};

extern struct platform boot_platform;
extern struct boot_state boot_state;

/*
 * boot_discover: identify the boot argument and fill boot_platform (RAM,
 * reserved ranges, devices from a DTB).  On failure it reports on whatever
 * console it can find and halts: there is nothing to run on.
 */
void boot_discover(uint64_t boot_arg, unsigned entry_el);

/* boot_discover_late: ACPI discovery (needs the linear map). */
void boot_discover_late(void);

/* boot_fallback_console: no UART was described: send the log to the known
 * PL011 locations that exist (probed through the exception table). */
void boot_fallback_console(void);

/* boot_cmdline: the kernel command line, never NULL. */
const char *boot_cmdline(void);

/* boot_has_flag: true if the command line holds the word `flag`. */
int boot_has_flag(const char *flag);

#endif
