# tests/integration/build.mk — tests that boot a kernel in QEMU and drive its
# serial console (tests/integration/console.py).

## test-integration  the shell cases (tests/integration/shell_cases) on Linux (the reference)
.PHONY: test-integration test-integration-keel
test-integration: setup $(INITRD)
	$(Q)$(PYTHON) tests/integration/run_shell_cases.py --target linux

## test-integration-keel  the same shell cases on Keel (identical output required)
test-integration-keel: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/integration/run_shell_cases.py --target keel

## test-boot       every boot path's normal entry to the shell: a pipeline, poweroff, boot times
.PHONY: test-boot
test-boot: setup kernel $(INITRD) $(ISO_IMG) $(UBOOT_IMG) $(DISK_IMG)
	$(Q)mkdir -p $(OUT)/bench
	$(Q)$(PYTHON) tests/integration/bootshell.py --kernel $(KERNEL_IMG) --initrd $(INITRD) \
		--iso $(ISO_IMG) --uboot-disk $(UBOOT_IMG) --disk $(DISK_IMG) --json $(OUT)/bench/boot-times.json

## test-jobcontrol, test-jobcontrol-keel  job control typed at the console (&, jobs, fg, ^Z, bg, kill %1, ^C)
.PHONY: test-jobcontrol test-jobcontrol-keel
test-jobcontrol: setup $(INITRD)
	$(Q)$(PYTHON) tests/integration/jobcontrol.py --target linux
test-jobcontrol-keel: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/integration/jobcontrol.py --target keel

## test-vfs-restart  kill the VFS server on Keel: it is restarted, the system recovers
.PHONY: test-vfs-restart
test-vfs-restart: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/integration/vfsrestart.py
