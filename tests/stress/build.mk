# tests/stress/build.mk — stress and fuzz programs (static musl), installed
# in the initrd as /usr/libexec/keel-tests/stress/, and their runner.
# `make test-stress` boots the Linux reference and runs them all
# (tests/stress/run.py).

STRESS_PROGS := sysfuzz elfmut forkbomb memhog fdexhaust pipeflood
STRESS_DIR   := $(OUT)/tests/stress
STRESS_BINS  := $(addprefix $(STRESS_DIR)/,$(STRESS_PROGS))

$(STRESS_DIR)/%: tests/stress/%.c $(PORT_STAMPS)/musl
	$(guest_test_link)

$(STRESS_DIR)/pipelines.sh: tests/stress/pipelines.sh
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

$(eval $(call initrd_add,usr/libexec/keel-tests/stress,$(STRESS_BINS) $(STRESS_DIR)/pipelines.sh))

.PHONY: stress-tests test-stress test-stress-keel
stress-tests: $(STRESS_BINS)

## test-stress     fuzzing and resource-exhaustion tests on Linux (the reference)
test-stress: setup $(INITRD)
	$(Q)KEEL_INITRD=$(abspath $(INITRD)) $(PYTHON) tests/stress/run.py --target linux

# The same on Keel, once Keel runs user programs.
test-stress-keel: setup $(INITRD) kernel
	$(Q)$(PYTHON) tests/stress/run.py --target keel
