/*
 * arch/aarch64/kernel.ld.S — the kernel image layout (preprocessed).
 *
 * One flat image: header page, text, read-only data (with the ktest table
 * and the symbol table), data, then BSS (boot tables and stack last).  Each
 * part starts on a page so the kernel can map it W^X.
 */
#include <arch/memlayout.h>

OUTPUT_ARCH(aarch64)
ENTRY(_text)

SECTIONS
{
	. = KIMAGE_VA;
	.head.text : { KEEP(*(.head.text)) }
	. = ALIGN(PAGE_SIZE);
	_stext = .;
	.text : { *(.text.entry) *(.text .text.*) }
	. = ALIGN(PAGE_SIZE);
	_etext = .;
	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__ktest_start = .;
		KEEP(*(.ktest))
		__ktest_end = .;
		. = ALIGN(8);
		KEEP(*(.ksyms))
		. = ALIGN(8);
		__extable_start = .;
		KEEP(*(__extable))
		__extable_end = .;
	}
	. = ALIGN(PAGE_SIZE);
	_erodata = .;
	_sdata = .;
	.data : {
		*(.data .data.*)
		. = ALIGN(PAGE_SIZE);	/* the file ends at _edata: PE SizeOfRawData */
	}
	. = ALIGN(PAGE_SIZE);
	_edata = .;
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.*) *(COMMON)
		. = ALIGN(PAGE_SIZE);
		*(.boot.pgtables)
		*(.boot.stack)
		. = ALIGN(PAGE_SIZE);
		__bss_end = .;
	}
	_end = .;

	__image_size = _end - _text;
	__pe_header_offset = pe_header - _text;
	__pe_text_rva = _stext - _text;
	__pe_text_size = _edata - _stext;
	__pe_text_vsize = _end - _stext;
	__pe_image_size = _end - _text;
	__pe_entry_rva = efi_pe_entry - _text;

	/DISCARD/ : { *(.note .note.*) *(.comment) *(.eh_frame) *(.interp) *(.dynamic) }
}

ASSERT(_end - _text <= KIMAGE_MAX_SIZE, "kernel image larger than the boot tables map")
ASSERT(_text == KIMAGE_VA, "the image header must be first")
ASSERT(_stext - _text == 0x1000, "the PE headers must fit in the first page")
