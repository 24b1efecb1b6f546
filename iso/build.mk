# iso/build.mk — the distribution: the GRUB EFI ISO, a disk installed by
# iso/install.sh, the U-Boot disk and the Raspberry Pi 4 SD card image, and
# their test family (test-dist).  Every image holds the same kernel8.img and
# initrd.cpio and sits next to that kernel ($(VOUT): build/, build/release/);
# their dates come from $(OUT)/initrd.epoch (SOURCE_DATE_EPOCH, else the last
# commit), so they are rebuilt when it changes and are the same bytes for the
# same commit (docs/install.md).

GRUB_MODDIR := $(DEPS)/grub-efi-arm64-bin/usr/lib/grub/arm64-efi
GRUB_EFI    := $(OUT)/grub/BOOTAA64.EFI
ISO_IMG     := $(VOUT)/keel.iso
DISK_IMG    := $(VOUT)/keel-disk.img
SD_IMG      := $(VOUT)/keel-rpi4.img
UBOOT_IMG   := $(VOUT)/keel-uboot.img
UBOOT_BIN   := /usr/lib/u-boot/qemu_arm64/u-boot.bin
EFI_BIOS    := /usr/share/qemu-efi-aarch64/QEMU_EFI.fd
DIST_EPOCH   = SOURCE_DATE_EPOCH=$$(cat $(OUT)/initrd.epoch)

# The standalone GRUB (modules built in, prefix /EFI/BOOT) that install.sh
# puts on a disk; the ISO carries it as /EFI/keel/BOOTAA64.EFI.
$(GRUB_EFI): iso/install.sh
	$(call msg,GRUB,$@)
	@mkdir -p $(dir $@)
	$(Q)test -f $(GRUB_MODDIR)/linux.mod || { echo "$(GRUB_MODDIR) missing (run scripts/setup.sh)" >&2; exit 1; }
	$(Q)bash -c 'source iso/install.sh && make_grub_efi "$$1" "$$2"' _ $(GRUB_MODDIR) $@

$(ISO_IMG): $(KERNEL_IMG) $(INITRD) $(GRUB_EFI) iso/grub.cfg iso/install.sh scripts/mkiso.sh \
            VERSION $(OUT)/initrd.epoch
	$(call msg,ISO,$@)
	$(Q)$(DIST_EPOCH) bash scripts/mkiso.sh $(KERNEL_IMG) $(INITRD) $(GRUB_EFI) $@

$(DISK_IMG): $(KERNEL_IMG) $(INITRD) $(GRUB_EFI) iso/grub.cfg iso/install.sh VERSION \
             $(OUT)/initrd.epoch
	$(call msg,DISK,$@)
	$(Q)rm -f $@ $@.tmp
	$(Q)$(DIST_EPOCH) bash iso/install.sh --yes --kernel $(KERNEL_IMG) --initrd $(INITRD) \
		--grub-efi $(GRUB_EFI) $@.tmp </dev/null >/dev/null
	$(Q)mv $@.tmp $@

$(SD_IMG): $(KERNEL_IMG) $(INITRD) iso/rpi4/config.txt iso/rpi4/cmdline.txt iso/install.sh \
           scripts/mksdimage.sh VERSION $(OUT)/initrd.epoch
	$(call msg,SDIMAGE,$@)
	$(Q)$(DIST_EPOCH) bash scripts/mksdimage.sh $(KERNEL_IMG) $(INITRD) $@

$(UBOOT_IMG): $(KERNEL_IMG) $(INITRD) iso/extlinux.conf scripts/mkuboot-disk.sh $(OUT)/initrd.epoch
	$(call msg,DISK,$@)
	$(Q)$(DIST_EPOCH) bash scripts/mkuboot-disk.sh $(KERNEL_IMG) $(INITRD) $@

.PHONY: iso run-iso install-disk run-disk sdimage run-sdimage uboot-image run-uboot test-dist
## iso             build/keel.iso: GRUB arm64-efi, kernel, initrd, a ktest entry, install.sh
iso: setup $(ISO_IMG)

## run-iso         boot the ISO under UEFI as a user would (-bios QEMU_EFI.fd -cdrom)
run-iso: iso
	@echo "Booting $(ISO_IMG) under UEFI (quit: Ctrl-A then X)"
	$(Q)$(QEMU) -M virt -cpu cortex-a72 -m 1G -bios $(EFI_BIOS) -cdrom $(ISO_IMG) -nographic -nic none

## install-disk    build/keel-disk.img: a GPT disk written by iso/install.sh (EFI system partition)
install-disk: setup $(DISK_IMG)

## run-disk        boot that disk under UEFI, no ISO attached
run-disk: install-disk
	@echo "Booting $(DISK_IMG) under UEFI (quit: Ctrl-A then X)"
	$(Q)$(QEMU) -M virt -cpu cortex-a72 -m 1G -bios $(EFI_BIOS) -nographic -nic none \
		-drive if=virtio,format=raw,file=$(DISK_IMG)

## sdimage         build/keel-rpi4.img: the Raspberry Pi 4 SD card (scripts/install-rpi4.sh writes it)
sdimage: setup $(SD_IMG)

## run-sdimage     boot the kernel, DTB and initrd of the SD image on QEMU -M raspi4b
run-sdimage: sdimage
	$(Q)rm -rf $(VOUT)/sdimage-boot && mkdir -p $(VOUT)/sdimage-boot
	$(Q)MTOOLS_SKIP_CHECK=1 mcopy -n -i $(SD_IMG)@@4M ::kernel8.img ::bcm2711-rpi-4-b.dtb \
		::initrd.cpio ::cmdline.txt $(VOUT)/sdimage-boot/
	@echo "Booting the SD image's kernel on QEMU raspi4b (quit: Ctrl-A then X)"
	$(Q)$(QEMU) -M raspi4b -accel tcg,thread=single -nographic -no-reboot \
		-kernel $(VOUT)/sdimage-boot/kernel8.img -dtb $(VOUT)/sdimage-boot/bcm2711-rpi-4-b.dtb \
		-initrd $(VOUT)/sdimage-boot/initrd.cpio -append "$$(cat $(VOUT)/sdimage-boot/cmdline.txt)"

## uboot-image     build/keel-uboot.img: a disk U-Boot boots with booti (extlinux.conf)
uboot-image: setup $(UBOOT_IMG)

## run-uboot       boot that disk with Debian's u-boot-qemu (qemu_arm64)
run-uboot: uboot-image
	$(Q)$(QEMU) -M virt -cpu cortex-a72 -m 1G -nographic -nic none -bios $(UBOOT_BIN) \
		-drive if=virtio,format=raw,file=$(UBOOT_IMG)

## test-dist       the ISO's contents, install.sh to a disk booted under UEFI, the installers'
##                 refusals, the SD image booted on raspi4b, byte-identical rebuilds
test-dist: setup kernel $(ISO_IMG) $(DISK_IMG) $(SD_IMG) $(UBOOT_IMG)
	$(Q)$(PYTHON) tests/dist/run.py --out $(OUT) --variant $(BUILD)
