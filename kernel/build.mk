# kernel/build.mk — the generic kernel (kmain, printk, discovery, ktest, lib).

KERNEL_SRCS += $(wildcard kernel/*.c kernel/lib/*.c) vfs/cpio.c

# Pure code that is also built for the host and unit-tested there.
UNIT_CODE_SRCS += $(filter-out kernel/lib/string.c,$(wildcard kernel/lib/*.c)) \
                  $(wildcard kernel/fdt.c kernel/discover_fdt.c kernel/discover_acpi.c kernel/elf.c \
                             kernel/platform.c)
