# tests/bench/build.mk — the benchmark program (static musl), installed in
# the initrd as /usr/libexec/keel-tests/bench/kbench, and its driver
# tests/bench/bench.py: it boots each target with the same QEMU
# configuration and initrd, in wall-clock mode and under -icount, and
# writes $(OUT)/bench/results.json, ratios.svg and table.txt.

BENCH_DIR  := $(OUT)/tests/bench
BENCH_BINS := $(BENCH_DIR)/kbench

$(BENCH_DIR)/%: tests/bench/%.c $(PORT_STAMPS)/musl
	$(guest_test_link)

$(eval $(call initrd_add,usr/libexec/keel-tests/bench,$(BENCH_BINS)))

# BENCH_TARGETS: the kernels to compare (linux, keel); Keel is booted from
# build/kernel8.img with the command line of run_shell_cases.py.
BENCH_TARGETS ?= linux,keel
BENCH_DEPS := setup $(INITRD) $(if $(findstring keel,$(BENCH_TARGETS)),kernel)
.PHONY: bench test-perf
## bench           benchmarks, Keel against Linux: medians, ratios, build/bench/ratios.svg
bench: $(BENCH_DEPS)
	$(Q)KEEL_INITRD=$(abspath $(INITRD)) $(PYTHON) tests/bench/bench.py --targets $(BENCH_TARGETS) \
		--out $(OUT)/bench

## test-perf       a quick benchmark run (fewer repetitions), same outputs as bench
test-perf: $(BENCH_DEPS)
	$(Q)KEEL_INITRD=$(abspath $(INITRD)) $(PYTHON) tests/bench/bench.py --targets $(BENCH_TARGETS) \
		--out $(OUT)/bench --quick
