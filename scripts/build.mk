# scripts/build.mk — running Keel under QEMU.

QEMU_VIRT := $(QEMU) -M virt -cpu cortex-a72 -m 1G -nographic -nic none
INITRD_IMG ?= $(OUT)/initrd.cpio
QEMU_INITRD = $(if $(wildcard $(INITRD_IMG)),-initrd $(INITRD_IMG))
APPEND ?=

.PHONY: run run-release debug
## run             build and boot Keel on QEMU virt (-kernel); Ctrl-A X quits
run: setup kernel
	@echo "Booting $(KERNEL_IMG) on QEMU virt (quit: Ctrl-A then X)"
	$(Q)$(QEMU_VIRT) -kernel $(KERNEL_IMG) $(QEMU_INITRD) -append "$(APPEND)"

## run-release     the same with the release kernel
run-release: setup
	$(Q)$(MAKE) --no-print-directory BUILD=release run

## debug           QEMU halted with a gdb stub on :1234; prints the gdb command
debug: setup kernel
	@echo "QEMU is waiting for gdb. In another terminal:"
	@echo "  gdb-multiarch $(KERNEL_ELF) -ex 'target remote :1234'"
	$(Q)$(QEMU_VIRT) -kernel $(KERNEL_IMG) $(QEMU_INITRD) -append "$(APPEND)" -S -gdb tcp::1234

.PHONY: fmt fmt-check lint compile_commands.json
## fmt             clang-format every C file in place
fmt:
	$(Q)bash scripts/lint.sh fmt
## fmt-check       list files that are not clang-formatted
fmt-check:
	$(Q)bash scripts/lint.sh fmt-check
## lint            cppcheck and clang-tidy (bugprone-*) over the kernel and servers
lint:
	$(Q)bash scripts/lint.sh lint

## compile_commands.json  for clangd/clang-tidy (via bear over a clean kernel build)
compile_commands.json:
	$(Q)rm -rf $(OUT)/cc-tmp && bear --output $(ROOT)/compile_commands.json -- \
		$(MAKE) --no-print-directory OUT=$(OUT)/cc-tmp kernel >/dev/null && rm -rf $(OUT)/cc-tmp
	@echo "wrote compile_commands.json"
