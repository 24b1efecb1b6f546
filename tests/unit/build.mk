# tests/unit/build.mk — data the unit tests read: device tree blobs made at
# build time.  QEMU dumps its own (virt in four configurations, raspi4b),
# the Raspberry Pi 4 blob comes from Debian's arm64 kernel package in .deps
# (as shipped, and patched the way the Pi firmware patches it), and the
# hand-written trees in tests/unit/data/*.dts are compiled with dtc.  The
# tests find them through UNIT_DATA_DIR (compiled in; the environment
# variable KEEL_UNIT_DATA overrides it).

UNIT_DATA_DIR := $(OUT)/unit/data
UNIT_DTS      := $(wildcard tests/unit/data/*.dts)
UNIT_DTBS     := $(patsubst tests/unit/data/%.dts,$(UNIT_DATA_DIR)/%.dtb,$(UNIT_DTS)) \
                 $(addprefix $(UNIT_DATA_DIR)/,qemu-virt.dtb qemu-virt-gicv3-smp4.dtb \
                   qemu-virt-el2.dtb qemu-virt-secure.dtb rpi4b.dtb rpi4b-fw.dtb rpi4b-qemu.dtb)
RPI4_DTB_SRC  := $(firstword $(wildcard \
                   $(DEPS)/linux-image-arm64/usr/lib/linux-image-*/broadcom/bcm2711-rpi-4-b.dtb))
DTC           ?= dtc
FDTPUT        ?= fdtput
QEMU_DUMPDTB  := $(QEMU) -nographic -nic none -cpu cortex-a72 -m 1G

$(UNIT_BIN): | $(UNIT_DTBS)
$(OUT)/unit/tests/unit/%.o: HOST_CFLAGS += -DUNIT_DATA_DIR='"$(abspath $(UNIT_DATA_DIR))"'

$(UNIT_DATA_DIR)/%.dtb: tests/unit/data/%.dts
	@mkdir -p $(dir $@)
	$(call msg,DTC,$<)
	$(Q)$(DTC) -q -I dts -O dtb -o $@ $<

# A stand-in kernel and initrd so that QEMU fills /chosen (bootargs, initrd).
$(UNIT_DATA_DIR)/stub-kernel.bin:
	@mkdir -p $(dir $@)
	$(Q)head -c 4096 /dev/zero >$@
$(UNIT_DATA_DIR)/stub-initrd.bin:
	@mkdir -p $(dir $@)
	$(Q)head -c 10000 /dev/zero >$@

$(UNIT_DATA_DIR)/qemu-virt.dtb: $(UNIT_DATA_DIR)/stub-kernel.bin $(UNIT_DATA_DIR)/stub-initrd.bin
	$(call msg,DUMPDTB,$@)
	$(Q)$(QEMU_DUMPDTB) -M virt,dumpdtb=$@.tmp -kernel $(word 1,$^) -initrd $(word 2,$^) \
	    -append "console=ttyAMA0 root=/dev/ram0" </dev/null >/dev/null && mv $@.tmp $@
$(UNIT_DATA_DIR)/qemu-virt-gicv3-smp4.dtb:
	@mkdir -p $(dir $@)
	$(call msg,DUMPDTB,$@)
	$(Q)$(QEMU_DUMPDTB) -M virt,gic-version=3,dumpdtb=$@.tmp -smp 4 </dev/null >/dev/null && mv $@.tmp $@
$(UNIT_DATA_DIR)/qemu-virt-el2.dtb:
	@mkdir -p $(dir $@)
	$(call msg,DUMPDTB,$@)
	$(Q)$(QEMU_DUMPDTB) -M virt,virtualization=on,dumpdtb=$@.tmp </dev/null >/dev/null && mv $@.tmp $@
$(UNIT_DATA_DIR)/qemu-virt-secure.dtb:
	@mkdir -p $(dir $@)
	$(call msg,DUMPDTB,$@)
	$(Q)$(QEMU_DUMPDTB) -M virt,secure=on,dumpdtb=$@.tmp </dev/null >/dev/null && mv $@.tmp $@

$(UNIT_DATA_DIR)/rpi4b.dtb: $(RPI4_DTB_SRC)
	@mkdir -p $(dir $@)
	$(Q)if [ -z "$(RPI4_DTB_SRC)" ]; then \
	    echo "bcm2711-rpi-4-b.dtb not found under $(DEPS)/linux-image-arm64; run 'make setup'" >&2; \
	    exit 1; fi
	$(Q)cp $< $@

# As the Pi firmware hands it over on an 8 GiB board: RAM below the
# VideoCore carve-out, up to 0xfc000000, and above 4 GiB in two halves
# (#size-cells is 1), listed out of order; bootargs and a 32-bit initrd.
$(UNIT_DATA_DIR)/rpi4b-fw.dtb: $(UNIT_DATA_DIR)/rpi4b.dtb
	$(call msg,FDTPUT,$@)
	$(Q)cp $< $@.tmp
	$(Q)$(FDTPUT) -t x $@.tmp /memory@0 reg \
	    1 80000000 80000000  0 40000000 bc000000  0 0 3b400000  1 0 80000000
	$(Q)$(FDTPUT) -t s $@.tmp /chosen bootargs "coherent_pool=1M 8250.nr_uarts=1 console=ttyAMA0,115200"
	$(Q)$(FDTPUT) -t x $@.tmp /chosen linux,initrd-start 2700000
	$(Q)$(FDTPUT) -t x $@.tmp /chosen linux,initrd-end 2a00000
	$(Q)mv $@.tmp $@

$(UNIT_DATA_DIR)/rpi4b-qemu.dtb: $(UNIT_DATA_DIR)/rpi4b.dtb $(UNIT_DATA_DIR)/stub-kernel.bin
	$(call msg,DUMPDTB,$@)
	$(Q)$(QEMU) -M raspi4b,dumpdtb=$@.tmp -dtb $< -kernel $(word 2,$^) -nographic \
	    -append "console=ttyAMA0 root=/dev/ram0" </dev/null >/dev/null 2>&1 && mv $@.tmp $@
