# tests/fuzz/build.mk — libFuzzer targets for the parsers of untrusted
# data, built with clang and -fsanitize=fuzzer,address,undefined (Debian:
# libclang-rt-14-dev): firmware data (fdt: device trees, acpi: ACPI tables),
# executables (elf: kernel/elf.c), the initrd (cpio: vfs/cpio.c and
# vfs/initrd.c) and path names (path: the VFS server's resolution and
# namespace operations, vfs/path.c and vfs/ops.c).
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
FUZZ_TARGETS := fdt acpi elf cpio path
FUZZ_CFLAGS  := -std=gnu11 -g -O1 $(WARNINGS) -Wno-missing-prototypes \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                -DKEEL_HOST_TEST -Ikernel/include -Iarch/aarch64/include -Iabi/include -Ivfs \
                -Itests/unit
FUZZ_HDRS    := $(wildcard tests/unit/*.h kernel/include/keel/*.h vfs/*.h abi/include/abi/*.h)
FUZZ_BINS    := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_TARGETS))
FUZZ_SEEDS   := $(addsuffix /.done,$(addprefix $(FUZZ_DIR)/seed-,$(FUZZ_TARGETS)))

# The code under test, per target (linked after tests/fuzz/fuzz_<target>.c).
FUZZ_CODE_fdt  := kernel/fdt.c kernel/discover_fdt.c kernel/discover_acpi.c kernel/platform.c \
                  kernel/lib/strscpy.c
FUZZ_CODE_acpi := $(FUZZ_CODE_fdt)
FUZZ_CODE_elf  := kernel/elf.c
FUZZ_CODE_cpio := $(VFS_CORE_SRCS)
FUZZ_CODE_path := $(VFS_CORE_SRCS)
# What the seed generators tests/fuzz/<target>_seed.c link with.
FUZZ_SEED_CODE_cpio := vfs/cpio.c

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(call msg,FUZZCC,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(FUZZ_CODE_$*) -o $@
$(foreach t,$(FUZZ_TARGETS),$(eval $(FUZZ_DIR)/fuzz_$(t): $(FUZZ_CODE_$(t))))

$(FUZZ_DIR)/%-seed: tests/fuzz/%_seed.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(call msg,HOSTCC,$@)
	$(Q)$(HOSTCC) -std=gnu11 -O1 $(WARNINGS) -Wno-missing-prototypes -Itests/unit -Ivfs \
	    -Iabi/include $< $(FUZZ_SEED_CODE_$*) -o $@
$(foreach t,$(FUZZ_TARGETS),$(if $(FUZZ_SEED_CODE_$(t)),$(eval $(FUZZ_DIR)/$(t)-seed: $(FUZZ_SEED_CODE_$(t)))))

.SECONDARY: $(addsuffix -seed,$(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS)))
$(FUZZ_DIR)/seed-%/.done: $(FUZZ_DIR)/%-seed
	@mkdir -p $(dir $@)
	$(Q)$< $(dir $@) && touch $@

# The unit tests' device trees, re-encoded compactly by dtc (QEMU pads its
# blobs to 1 MiB, which would only slow the fuzzer down).
$(FUZZ_DIR)/seed-fdt/.done: $(UNIT_DTBS)
	@mkdir -p $(dir $@)
	$(Q)for f in $^; do $(DTC) -q -I dtb -O dtb -o $(dir $@)$$(basename $$f) $$f || exit 1; done
	$(Q)touch $@

.PHONY: fuzz
## fuzz            libFuzzer on the FDT, ACPI, ELF, cpio and VFS path code (FUZZ_SECONDS=10 each)
fuzz: $(FUZZ_BINS) $(FUZZ_SEEDS)
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
