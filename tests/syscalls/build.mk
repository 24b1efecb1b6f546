# tests/syscalls/build.mk — the in-guest system-call suite: one static musl
# program per area (tests/syscalls/AREA.c, harness check.h) plus showargs,
# the exec helper; installed in the initrd as /usr/libexec/keel-tests/syscalls/.
# `make test-syscalls` boots the Linux reference and runs them all
# (tests/syscalls/run.py); it also writes $(OUT)/syscalls-linux.json.

# Flags of every in-guest test program (also tests/stress and tests/bench).
GUEST_TEST_CFLAGS := -std=gnu11 -O2 -s -Wl,-z,max-page-size=4096 $(WARNINGS)

# The recipe of every in-guest test program: one C file, static musl.
define guest_test_link
	@mkdir -p $(dir $@)
	$(call msg,MUSLCC,$@)
	$(Q)$(MUSL_CC) $(GUEST_TEST_CFLAGS) -o $@ $<
endef

SYSCALL_AREAS := files dirs pipes_fds process signals memory time misc tty
SYSCALL_DIR   := $(OUT)/tests/syscalls
SYSCALL_BINS  := $(addprefix $(SYSCALL_DIR)/,$(SYSCALL_AREAS) showargs)

$(SYSCALL_DIR)/%: tests/syscalls/%.c tests/syscalls/check.h $(PORT_STAMPS)/musl
	$(guest_test_link)

$(eval $(call initrd_add,usr/libexec/keel-tests/syscalls,$(SYSCALL_BINS)))

.PHONY: syscall-tests test-syscalls test-syscalls-keel
syscall-tests: $(SYSCALL_BINS)

## test-syscalls   the in-guest system-call suite on Linux (the reference)
test-syscalls: setup $(INITRD)
	$(Q)KEEL_INITRD=$(abspath $(INITRD)) $(PYTHON) tests/syscalls/run.py --target linux \
		--json $(OUT)/syscalls-linux.json

# The same suite on Keel, once Keel runs user programs.
test-syscalls-keel: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/syscalls/run.py --target keel --json $(OUT)/syscalls-keel.json
