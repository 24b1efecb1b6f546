# tests/integration/build.mk — tests that boot a kernel in QEMU and drive its
# serial console (tests/integration/console.py).

## test-integration  the shell cases (tests/integration/shell_cases) on Linux (the reference)
.PHONY: test-integration test-integration-keel
test-integration: setup $(INITRD)
	$(Q)$(PYTHON) tests/integration/run_shell_cases.py --target linux

# The same cases on Keel, once Keel runs user programs.
test-integration-keel: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/integration/run_shell_cases.py --target keel
