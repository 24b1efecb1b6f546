# mm/build.mk — memory management: page allocator, kernel heap, page tables.

KERNEL_SRCS += $(wildcard mm/*.c)
UNIT_CODE_SRCS += $(wildcard mm/page_alloc.c mm/pte.c)
