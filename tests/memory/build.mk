# tests/memory/build.mk — `make test-memory`: the kernel's pattern tests over
# free RAM (boot flag `memtest`, mm/memtest.c) and the leak check
# (tests/memory/leakcheck.c, installed next to the syscall suite and run by
# its runner).  Keel only: see leakcheck.c for why not Linux.

LEAKCHECK_BIN := $(SYSCALL_DIR)/leakcheck

$(LEAKCHECK_BIN): tests/memory/leakcheck.c tests/syscalls/check.h $(PORT_STAMPS)/musl
	$(guest_test_link)

$(eval $(call initrd_add,usr/libexec/keel-tests/syscalls,$(LEAKCHECK_BIN)))

.PHONY: test-memory
## test-memory     RAM pattern tests in the kernel and the free-page leak check
test-memory: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/memory/run.py
