# arch/aarch64/build.mk — the kernel image: compile, two-pass link (the
# second pass adds the symbol table for backtraces), flat binary.

KERNEL_SRCS += $(filter-out %.ld.S,$(wildcard arch/aarch64/*.S arch/aarch64/*.c arch/aarch64/drivers/*.c \
                          arch/aarch64/boards/*.c arch/aarch64/efi/*.c arch/aarch64/efi/*.S))

# Pure arch code, unit-tested on the host too.
UNIT_CODE_SRCS += arch/aarch64/pte.c

KERNEL_INCLUDES := -Iarch/aarch64/include -Ikernel/include -Iabi/include
KERNEL_CFLAGS := -std=gnu11 $(OPT) -g $(WARNINGS) -ffreestanding -nostdinc \
                 -isystem $(shell $(CC) -print-file-name=include) \
                 -mgeneral-regs-only -mno-outline-atomics -mcmodel=small -fno-pic -fno-pie -fno-common \
                 -fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
                 -fno-asynchronous-unwind-tables -fno-unwind-tables \
                 $(KERNEL_INCLUDES)
KERNEL_ASFLAGS := -D__ASSEMBLER__ $(KERNEL_INCLUDES) $(OPT)
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack --no-warn-rwx-segments

KERNEL_OBJS = $(patsubst %,$(OBJ)/%.o,$(basename $(KERNEL_SRCS)))
KERNEL_ELF  := $(VOUT)/keel.elf
KERNEL_IMG  := $(VOUT)/kernel8.img
# The kernel every Keel test runner boots (run_shell_cases.py's
# target_command): the variant's, so BUILD=release tests the release kernel.
export KEEL_KERNEL := $(abspath $(KERNEL_IMG))
KERNEL_LDS  := $(OBJ)/kernel.ld

# Objects depend on the flags they were built with.
$(OBJ)/.kernel-flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(KERNEL_CFLAGS) $(KERNEL_ASFLAGS)' | cmp -s - $@ || echo '$(KERNEL_CFLAGS) $(KERNEL_ASFLAGS)' > $@

# Only the banner knows the version, so a new commit rebuilds one file.
$(OBJ)/kernel/banner.o: KERNEL_CFLAGS += -DKEEL_VERSION='"$(VERSION)"' -DKEEL_GIT_REV='"$(GIT_REV)"'
$(OBJ)/kernel/banner.o: $(OBJ)/.git-rev
$(OBJ)/.git-rev: FORCE
	@mkdir -p $(dir $@)
	@echo '$(VERSION) $(GIT_REV)' | cmp -s - $@ || echo '$(VERSION) $(GIT_REV)' > $@

$(OBJ)/%.o: %.c $(OBJ)/.kernel-flags
	@mkdir -p $(dir $@)
	$(call msg,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -MD -MP -c $< -o $@

$(OBJ)/%.o: %.S $(OBJ)/.kernel-flags
	@mkdir -p $(dir $@)
	$(call msg,AS,$<)
	$(Q)$(CC) $(KERNEL_ASFLAGS) -MD -MP -c $< -o $@

$(KERNEL_LDS): arch/aarch64/kernel.ld.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c -D__ASSEMBLER__ $(KERNEL_INCLUDES) -MD -MP -MT $@ $< -o $@

# Pass 1: no symbols.  Pass 2: the symbol table of pass 1 (text addresses do
# not move: .ksyms comes after .text).  The check compares both passes.
$(OBJ)/ksyms0.o: scripts/gen-ksyms.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) scripts/gen-ksyms.py /dev/null $(OBJ)/ksyms0.S
	$(Q)$(CC) $(KERNEL_ASFLAGS) -c $(OBJ)/ksyms0.S -o $@

$(KERNEL_ELF): $(KERNEL_OBJS) $(KERNEL_LDS) $(OBJ)/ksyms0.o scripts/gen-ksyms.py
	$(call msg,LD,$@)
	$(Q)$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $(OBJ)/keel.pass1.elf $(KERNEL_OBJS) $(OBJ)/ksyms0.o
	$(Q)$(NM) -S --defined-only $(OBJ)/keel.pass1.elf > $(OBJ)/keel.pass1.nm
	$(Q)$(PYTHON) scripts/gen-ksyms.py $(OBJ)/keel.pass1.nm $(OBJ)/ksyms.S
	$(Q)$(CC) $(KERNEL_ASFLAGS) -c $(OBJ)/ksyms.S -o $(OBJ)/ksyms.o
	$(Q)$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_OBJS) $(OBJ)/ksyms.o
	$(Q)$(NM) -S --defined-only $@ | grep -i ' t ' | cmp -s - <(grep -i ' t ' $(OBJ)/keel.pass1.nm) \
		|| { echo "ksyms: text moved between link passes" >&2; rm -f $@; exit 1; }

$(KERNEL_IMG): $(KERNEL_ELF)
	$(call msg,OBJCOPY,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

.PHONY: kernel release image
## kernel          the debug kernel: build/kernel8.img (also `make`)
kernel: $(KERNEL_IMG)
## release         the release kernel: build/release/kernel8.img
release:
	$(Q)$(MAKE) --no-print-directory BUILD=release kernel
## image           kernel8.img, the one image for every boot path
image: kernel
