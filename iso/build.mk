# iso/build.mk — the GRUB EFI ISO (and, later, the disk installer).

ISO_IMG := $(OUT)/keel.iso

$(ISO_IMG): $(KERNEL_IMG) $(INITRD) iso/grub.cfg scripts/mkiso.sh VERSION $(wildcard iso/install.sh)
	$(call msg,ISO,$@)
	$(Q)bash scripts/mkiso.sh $(KERNEL_IMG) $(INITRD) $@

.PHONY: iso run-iso
## iso             build/keel.iso: GRUB arm64-efi, kernel, initrd, a ktest entry
iso: setup $(ISO_IMG)

## run-iso         boot the ISO under UEFI as a user would (-bios QEMU_EFI.fd -cdrom)
run-iso: iso
	@echo "Booting $(ISO_IMG) under UEFI (quit: Ctrl-A then X)"
	$(Q)$(QEMU) -M virt -cpu cortex-a72 -m 1G -bios /usr/share/qemu-efi-aarch64/QEMU_EFI.fd \
		-cdrom $(ISO_IMG) -nographic -nic none

UBOOT_IMG := $(OUT)/keel-uboot.img
UBOOT_BIN := /usr/lib/u-boot/qemu_arm64/u-boot.bin

$(UBOOT_IMG): $(KERNEL_IMG) $(INITRD) iso/extlinux.conf scripts/mkuboot-disk.sh
	$(call msg,DISK,$@)
	$(Q)bash scripts/mkuboot-disk.sh $(KERNEL_IMG) $(INITRD) $@

.PHONY: uboot-image run-uboot
## uboot-image     build/keel-uboot.img: a disk U-Boot boots with booti (extlinux.conf)
uboot-image: setup $(UBOOT_IMG)

## run-uboot       boot that disk with Debian's u-boot-qemu (qemu_arm64)
run-uboot: uboot-image
	$(Q)$(QEMU) -M virt -cpu cortex-a72 -m 1G -nographic -nic none -bios $(UBOOT_BIN) \
		-drive if=virtio,format=raw,file=$(UBOOT_IMG)
