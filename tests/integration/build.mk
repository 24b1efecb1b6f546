# tests/integration/build.mk — tests that boot a kernel in QEMU and drive its
# serial console (tests/integration/console.py).

## test-integration  the shell cases (tests/integration/shell_cases) on Linux (the reference)
.PHONY: test-integration test-integration-keel
test-integration: setup $(INITRD)
	$(Q)$(PYTHON) tests/integration/run_shell_cases.py --target linux

## test-integration-keel  the same shell cases on Keel (identical output required)
test-integration-keel: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/integration/run_shell_cases.py --target keel
