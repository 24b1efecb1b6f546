"""bootpaths.py — the QEMU command lines for every way Keel boots.

Each BootPath knows how to start QEMU for a kernel image, which boot path
(raw or EFI) the kernel should report, the RAM it should find, and the
devices its banner must name.  Shared by ktest.py, the shell-test drivers
and the benchmarks, so "how do we boot X" lives in one place.
"""
import glob
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPS = os.path.join(ROOT, ".deps")
QEMU = os.environ.get("QEMU", "qemu-system-aarch64")


def rpi4_dtb():
    found = glob.glob(os.path.join(DEPS, "linux-image-arm64", "usr", "lib", "linux-image-*",
                                   "broadcom", "bcm2711-rpi-4-b.dtb"))
    return found[0] if found else None


class BootPath:
    """A QEMU configuration.  `menu`: how to pick the self-test entry in a
    boot loader's menu: (text to wait for, keys to send), or None when the
    kernel command line is passed directly."""

    def __init__(self, name, boot, ram_mib, machine, devices, extra=(), needs=None,
                 ram_slack_mib=0, menu=None, media=None):
        self.name = name
        self.boot = boot
        self.ram_mib = ram_mib
        self.machine = machine
        self.devices = devices
        self.extra = list(extra)
        self.needs = needs
        self.ram_slack_mib = ram_slack_mib
        self.unavailable_reason = ""
        self.menu = menu
        self.media = media  # function(kernel) -> QEMU args booting a disk/ISO, or None

    def ram_ok(self, mib):
        return self.ram_mib - self.ram_slack_mib <= mib <= self.ram_mib

    def command(self, kernel, append="", initrd=None):
        if self.needs:
            missing = self.needs()
            if missing:
                self.unavailable_reason = missing
                return None
        cmd = [QEMU] + self.machine + ["-nographic", "-no-reboot", "-nic", "none"]
        if self.media:
            return cmd + self.media() + self.extra
        cmd += ["-kernel", kernel]
        if append:
            cmd += ["-append", append]
        if initrd:
            cmd += ["-initrd", initrd]
        return cmd + self.extra


def need_rpi4():
    if not rpi4_dtb():
        return "no bcm2711-rpi-4-b.dtb under .deps (run scripts/setup.sh)"
    return ""


VIRT = ["-M", "virt", "-cpu", "cortex-a72", "-m", "1G"]
V2 = [("PL011 console", r"console: PL011 at 0x9000000, irq 33"),
      ("GICv2", r"interrupts: GICv2, distributor 0x8000000"),
      ("timer", r"timer: interrupts phys 30 virt 27")]

PATHS = {
    "virt": BootPath("virt", "raw", 1024, VIRT, V2 + [("EL1 entry", r"entry at EL1"),
                                                       ("PSCI", r"psci: hvc")]),
    "virt-el2": BootPath("virt-el2", "raw", 1024,
                         ["-M", "virt,virtualization=on", "-cpu", "cortex-a72", "-m", "1G"],
                         V2 + [("EL2 entry", r"entry at EL2"), ("PSCI", r"psci: smc")]),
    "virt-gicv3": BootPath("virt-gicv3", "raw", 2048,
                           ["-M", "virt,gic-version=3", "-cpu", "cortex-a72", "-m", "2G",
                            "-smp", "4"],
                           [("PL011 console", r"console: PL011 at 0x9000000"),
                            ("GICv3", r"interrupts: GICv3, distributor 0x8000000, "
                                      r"redistributors 0x80a0000"),
                            ("4 CPUs", r"cpus: 4")]),
    "virt-max": BootPath("virt-max", "raw", 1024,
                         ["-M", "virt", "-cpu", "max", "-m", "1G"],
                         V2 + [("PAN on (ARMv8.1+ CPU)", r"cpu: PAN on")]),
    "raspi4b": BootPath("raspi4b", "raw", 960,
                        ["-M", "raspi4b", "-accel", "tcg,thread=single"],
                        [("PL011 console", r"console: PL011 at 0xfe201000, irq 153"),
                         ("GIC-400", r"interrupts: GICv2, distributor 0xff841000"),
                         ("EL2 entry", r"entry at EL2"),
                         ("watchdog power-off", r"board: BCM2835-family power management")],
                        needs=need_rpi4),
}
# raspi4b needs the DTB passed explicitly (QEMU has none built in).
_rpi = PATHS["raspi4b"]
_rpi_command = _rpi.command


def _rpi4_command(kernel, append="", initrd=None):
    cmd = _rpi_command(kernel, append, initrd)
    if cmd is not None:
        cmd += ["-dtb", rpi4_dtb()]
    return cmd


_rpi.command = _rpi4_command

EFI_FIRMWARE = "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd"
ISO = os.path.join(ROOT, "build", "keel.iso")


def need_iso():
    if not os.path.exists(EFI_FIRMWARE):
        return "no %s (run scripts/setup.sh)" % EFI_FIRMWARE
    if not os.path.exists(iso_path()):
        return "no %s (make iso)" % iso_path()
    return ""


def iso_path():
    return ISO


GRUB_KTEST = ("Keel self-tests", "\x1b[B\r")
PATHS["iso"] = BootPath("iso", "EFI", 1024, VIRT + ["-bios", EFI_FIRMWARE],
                        V2 + [("ACPI discovery", r"machine described by acpi"),
                              ("initrd from GRUB", r"initrd: 0x[0-9a-f]+-0x[0-9a-f]+ .* via ")],
                        needs=need_iso, menu=GRUB_KTEST, media=lambda: ["-cdrom", iso_path()])
PATHS["iso-noacpi"] = BootPath(
    "iso-noacpi", "EFI", 1024,
    ["-M", "virt,acpi=off", "-cpu", "cortex-a72", "-m", "1G", "-bios", EFI_FIRMWARE],
    V2 + [("device tree from UEFI", r"machine described by fdt"),
          ("initrd from GRUB", r"initrd: 0x[0-9a-f]+-0x[0-9a-f]+ .* via ")],
    needs=need_iso, menu=GRUB_KTEST, media=lambda: ["-cdrom", iso_path()])

UBOOT_BIN = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
UBOOT_DISK = os.path.join(ROOT, "build", "keel-uboot.img")


def need_uboot():
    if not os.path.exists(UBOOT_BIN):
        return "no %s (run scripts/setup.sh)" % UBOOT_BIN
    if not os.path.exists(UBOOT_DISK):
        return "no %s (make uboot-image)" % UBOOT_DISK
    return ""


PATHS["uboot"] = BootPath(
    "uboot", "raw", 1024, VIRT + ["-bios", UBOOT_BIN],
    V2 + [("initrd from U-Boot", r"initrd: 0x[0-9a-f]+-0x[0-9a-f]+ \(\d+ KiB\)")],
    needs=need_uboot, menu=("Enter choice:", "2\r"),
    media=lambda: ["-drive", "if=virtio,format=raw,file=" + UBOOT_DISK])

DISK = os.path.join(ROOT, "build", "keel-disk.img")


def need_disk():
    if not os.path.exists(EFI_FIRMWARE):
        return "no %s (run scripts/setup.sh)" % EFI_FIRMWARE
    if not os.path.exists(DISK):
        return "no %s (make install-disk)" % DISK
    return ""


PATHS["disk"] = BootPath(
    "disk", "EFI", 1024, VIRT + ["-bios", EFI_FIRMWARE],
    V2 + [("ACPI discovery", r"machine described by acpi")],
    needs=need_disk, menu=GRUB_KTEST,
    media=lambda: ["-drive", "if=virtio,format=raw,file=" + DISK])

DEFAULT_KTEST_PATHS = ["virt", "virt-el2", "virt-gicv3", "virt-max", "raspi4b", "iso",
                       "iso-noacpi", "uboot"]


def have(tool):
    return shutil.which(tool) is not None
