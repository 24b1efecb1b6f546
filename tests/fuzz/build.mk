# tests/fuzz/build.mk — libFuzzer targets for the parsers of untrusted
# firmware data (device trees, ACPI tables), built with clang and
# -fsanitize=fuzzer,address,undefined (Debian: libclang-rt-14-dev).
#
#   make fuzz FUZZ_SECONDS=N   runs each target for N seconds (default 10)
#
# A target passes if it ran its time without a crash, sanitizer report,
# timeout or broken invariant.  Crash inputs land in build/fuzz/artifacts/,
# the growing corpus in build/fuzz/corpus-<target>/.  Ends in
# "N passed, N failed".

FUZZ_SECONDS ?= 10
FUZZ_CC      ?= clang
FUZZ_DIR     := $(OUT)/fuzz
FUZZ_TARGETS := fdt acpi
FUZZ_CFLAGS  := -std=gnu11 -g -O1 $(WARNINGS) -Wno-missing-prototypes \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                -DKEEL_HOST_TEST -Ikernel/include -Iarch/aarch64/include -Iabi/include -Itests/unit
FUZZ_CODE    := kernel/fdt.c kernel/discover_fdt.c kernel/discover_acpi.c kernel/platform.c \
                kernel/lib/strscpy.c
FUZZ_BINS    := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_TARGETS))

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_CODE) $(wildcard tests/unit/*.h kernel/include/keel/*.h)
	@mkdir -p $(dir $@)
	$(call msg,FUZZCC,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(FUZZ_CODE) -o $@

$(FUZZ_DIR)/acpi-seed: tests/fuzz/acpi_seed.c tests/unit/acpi_build.h
	@mkdir -p $(dir $@)
	$(call msg,HOSTCC,$@)
	$(Q)$(HOSTCC) -std=gnu11 -O1 $(WARNINGS) -Wno-missing-prototypes -Itests/unit $< -o $@

$(FUZZ_DIR)/seed-acpi/.done: $(FUZZ_DIR)/acpi-seed
	@mkdir -p $(dir $@)
	$(Q)$< $(dir $@) && touch $@

# The unit tests' device trees, re-encoded compactly by dtc (QEMU pads its
# blobs to 1 MiB, which would only slow the fuzzer down).
$(FUZZ_DIR)/seed-fdt/.done: $(UNIT_DTBS)
	@mkdir -p $(dir $@)
	$(Q)for f in $^; do $(DTC) -q -I dtb -O dtb -o $(dir $@)$$(basename $$f) $$f || exit 1; done
	$(Q)touch $@

.PHONY: fuzz
## fuzz            libFuzzer on the FDT and ACPI parsers (FUZZ_SECONDS=10 each)
fuzz: $(FUZZ_BINS) $(FUZZ_DIR)/seed-fdt/.done $(FUZZ_DIR)/seed-acpi/.done
	$(Q)mkdir -p $(FUZZ_DIR)/artifacts; pass=0; fail=0; \
	for t in $(FUZZ_TARGETS); do \
	    log=$(FUZZ_DIR)/fuzz_$$t.log; \
	    mkdir -p $(FUZZ_DIR)/corpus-$$t; \
	    echo "=== fuzz_$$t ($(FUZZ_SECONDS) s) ==="; \
	    if $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=65536 \
	        -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- \
	        $(FUZZ_DIR)/corpus-$$t $(FUZZ_DIR)/seed-$$t >$$log 2>&1; then \
	        pass=$$((pass + 1)); \
	        echo "fuzz_$$t: ok, $$(sed -n 's/^stat::number_of_executed_units: *//p' $$log) runs"; \
	    else \
	        fail=$$((fail + 1)); \
	        tail -n 40 $$log; \
	        echo "fuzz_$$t: FAILED (log: $$log)"; \
	    fi; \
	done; \
	echo "$$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]
