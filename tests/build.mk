# tests/build.mk — the test families.  Each family is one script that ends in
# "N passed, N failed"; scripts/run-tests.sh runs a list of them and sums.

HOST_CFLAGS := -std=gnu11 -g -O1 $(WARNINGS) -Wno-missing-prototypes $(HOST_SAN) \
               -DKEEL_HOST_TEST -Ikernel/include -Iarch/aarch64/include -Iabi/include -Ivfs \
               -Itests/unit

# Fragments add the pure code they want host-tested to UNIT_CODE_SRCS and
# their tests (tests/unit/test_*.c) to UNIT_TEST_SRCS.
UNIT_TEST_SRCS += $(wildcard tests/unit/test_*.c)
UNIT_SRCS  := tests/unit/harness.c $(sort $(UNIT_TEST_SRCS)) $(sort $(UNIT_CODE_SRCS))
UNIT_OBJS  := $(patsubst %.c,$(OUT)/unit/%.o,$(UNIT_SRCS))
UNIT_BIN   := $(OUT)/unit/unit-tests

$(OUT)/unit/%.o: %.c
	@mkdir -p $(dir $@)
	$(call msg,HOSTCC,$<)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MD -MP -c $< -o $@

$(UNIT_BIN): $(UNIT_OBJS)
	$(call msg,HOSTLD,$@)
	$(Q)$(HOSTCC) $(HOST_SAN) $^ -o $@

.PHONY: test test-ci test-unit test-kernel test-release unit-tests
unit-tests: $(UNIT_BIN)

## test-unit       host unit tests (ASan/UBSan)
test-unit: $(UNIT_BIN)
	$(Q)$(UNIT_BIN)

## test-kernel     in-kernel self-tests booted in QEMU (ktest)
test-kernel: setup kernel $(ISO_IMG) $(UBOOT_IMG)
	$(Q)$(PYTHON) tests/integration/ktest.py --kernel $(KERNEL_IMG) --iso $(ISO_IMG) \
		--uboot-disk $(UBOOT_IMG)

## test            every test family that fits in CI; ends in "N passed, N failed"
TEST_FAMILIES ?= unit kernel boot integration integration-keel jobcontrol jobcontrol-keel vfs-restart syscalls syscalls-keel security security-keel memory stress stress-keel fuzz dist release-keel
test: setup
	$(Q)bash scripts/run-tests.sh $(TEST_FAMILIES)

## test-ci         what CI runs (.ci/run)
test-ci: test

## test-release    the same families on the release build
test-release: setup
	$(Q)BUILD=release bash scripts/run-tests.sh $(TEST_FAMILIES)

# The families that boot Keel, on the release kernel: the last family of
# `make test` (what runs only on the host or on Linux does not change with
# the kernel's build).
RELEASE_FAMILIES := kernel boot integration-keel jobcontrol-keel vfs-restart syscalls-keel \
                    security-keel memory stress-keel
.PHONY: test-release-keel
## test-release-keel  the Keel families on the release kernel (part of `make test`)
test-release-keel: setup
	$(Q)BUILD=release RESULTS=$(OUT)/test-results-release.txt NO_REPORT=1 \
		bash scripts/run-tests.sh $(RELEASE_FAMILIES)

include tests/unit/build.mk
include tests/fuzz/build.mk
include tests/integration/build.mk
include tests/syscalls/build.mk
include tests/security/build.mk
include tests/memory/build.mk
include tests/stress/build.mk
include tests/bench/build.mk

## test-fuzz       each libFuzzer target for FUZZ_SECONDS (CI: 10 s each)
.PHONY: test-fuzz
test-fuzz: fuzz
