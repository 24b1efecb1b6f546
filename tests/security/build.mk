# tests/security/build.mk — the isolation suite (tests/security/security.c,
# harness tests/syscalls/check.h): kernel memory, other processes' memory,
# executable stack and heap, program text, NULL, privileged instructions,
# forged signal frames and kernel pointers to system calls, each of which
# must be refused with Linux's signal or errno.  Installed in the initrd
# next to the syscall suite and run by the same runner (--area security).

SECURITY_BIN := $(SYSCALL_DIR)/security

$(SECURITY_BIN): tests/security/security.c tests/syscalls/check.h $(PORT_STAMPS)/musl
	$(guest_test_link)

$(eval $(call initrd_add,usr/libexec/keel-tests/syscalls,$(SECURITY_BIN)))

.PHONY: test-security test-security-keel
## test-security   the isolation suite on Linux (the reference)
test-security: setup $(INITRD)
	$(Q)KEEL_INITRD=$(abspath $(INITRD)) $(PYTHON) tests/syscalls/run.py --target linux \
		--area security --json $(OUT)/security-linux.json

# The same suite on Keel: every attempt must be refused as on Linux.
test-security-keel: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/syscalls/run.py --target keel --area security --json $(OUT)/security-keel.json
