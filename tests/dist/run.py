#!/usr/bin/env python3
"""tests/dist/run.py — the distribution tests (make test-dist).

  tests/dist/run.py [--out build] [--variant debug|release]
                    [--only iso,install,refuse,sd,repro] [-v]

Uses what `make test-dist` builds: in OUT initrd.cpio and grub/BOOTAA64.EFI,
next to the variant's kernel8.img (OUT or OUT/release) keel.iso,
keel-disk.img, keel-rpi4.img and keel-uboot.img; and checks:
  iso      scripts/test-iso.sh on the ISO (its checks count here); the ISO
           attached as a disk, as when written to a USB stick, boots under
           UEFI to the self-tests;
  install  install.sh run from the ISO's files onto a disk image file (the
           prebuilt GRUB) and from the source tree (grub-mkimage): the same
           bytes as OUT/keel-disk.img; the disk booted under UEFI with no ISO,
           the self-test entry picked in GRUB's menu: ktest passes, power-off;
  refuse   install.sh and install-rpi4.sh refuse partitioned or formatted
           files without --force and any write without --yes when stdin is
           not a terminal; as root with loop devices: a file attached to a
           loop device, a mounted device, a non-removable one, a partitioned
           one; --force --yes then writes and verifies;
  sd       the SD image's partition table and files, config.txt; kernel8.img,
           the DTB and the initrd taken out of it with mtools boot on QEMU
           -M raspi4b; commands typed at the shell answer;
           `poweroff` ends QEMU;
  repro    the kernel, initrd, ISO, SD image, installed disk and U-Boot disk
           built twice from one snapshot of the tree into two fresh OUT
           directories (different time, TZ, umask, TMPDIR) are the same bytes.
Ends with "N passed, N failed"; exit status 1 if any check failed.
Everything it writes is under one temporary directory, removed at the end.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import bootpaths  # noqa: E402
import ktest  # noqa: E402

ESP_TYPE = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"
MTOOLS_ENV = dict(os.environ, MTOOLS_SKIP_CHECK="1")
VERBOSE = False


class Context:
    """out: the build directory (OUT: initrd.cpio, initrd.epoch, grub/);
    img: the variant's directory (VOUT: kernel8.img and the images)."""

    def __init__(self, out, variant):
        self.out = out
        self.variant = variant
        self.img = out if variant == "debug" else os.path.join(out, variant)
        self.kernel = self.i("kernel8.img")
        self.initrd = self.o("initrd.cpio")

    def take_reference(self, tmp):
        """The kernel and initrd on the ISO become what every other image must
        hold, so that a concurrent rebuild of OUT cannot mix two versions
        into one run (test-iso.sh checks the ISO's against OUT's)."""
        ref = os.path.join(tmp, "reference")
        rc, _ = run(["xorriso", "-osirrox", "on", "-indev", self.i("keel.iso"),
                     "-extract", "/boot/kernel8.img", os.path.join(ref, "kernel8.img"),
                     "-extract", "/boot/initrd.cpio", os.path.join(ref, "initrd.cpio")])
        if rc == 0:
            self.kernel = os.path.join(ref, "kernel8.img")
            self.initrd = os.path.join(ref, "initrd.cpio")

    def o(self, name):
        return os.path.join(self.out, name)

    def i(self, name):
        return os.path.join(self.img, name)

    def installer(self):
        return ["bash", "iso/install.sh", "--kernel", self.kernel, "--initrd", self.initrd]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok   %s" % name)
        else:
            self.failed += 1
            print("FAIL %s%s" % (name, (": " + detail) if detail else ""))
        sys.stdout.flush()
        return ok


def run(cmd, stdin=subprocess.DEVNULL, env=None, cwd=ROOT, timeout=300, preexec_fn=None):
    """Runs cmd; returns (exit status, stdout+stderr as text)."""
    if VERBOSE:
        print("  $ " + " ".join(cmd))
    p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=env, cwd=cwd, timeout=timeout, preexec_fn=preexec_fn)
    out = p.stdout.decode("utf-8", "replace")
    if VERBOSE:
        sys.stdout.write(out)
    return p.returncode, out


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def same(a, b):
    return os.path.exists(a) and os.path.exists(b) and sha(a) == sha(b)


def same_range(a, b, offset, length):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        fa.seek(offset)
        fb.seek(offset)
        return fa.read(length) == fb.read(length)


def last_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else "(no output)"


def partitions(image):
    rc, out = run(["sfdisk", "-J", image])
    if rc != 0:
        return None
    return json.loads(out)["partitiontable"]


def fat_list(image, offset_mib):
    """Paths of the files in the FAT file system at offset_mib MiB of image."""
    rc, out = run(["mdir", "-/", "-b", "-i", "%s@@%dM" % (image, offset_mib), "::"], env=MTOOLS_ENV)
    return sorted(l[3:].rstrip("/") if l.startswith("::/") else l for l in out.split()) if rc == 0 else []


def fat_get(image, offset_mib, names, dest):
    os.makedirs(dest, exist_ok=True)
    rc, out = run(["mcopy", "-n", "-i", "%s@@%dM" % (image, offset_mib)] +
                  ["::" + n for n in names] + [dest + "/"], env=MTOOLS_ENV)
    return rc == 0, out


# ---------------------------------------------------------------------------
def test_iso(r, c, tmp):
    rc, text = run(["bash", "scripts/test-iso.sh", c.i("keel.iso"),
                    "--kernel", c.i("kernel8.img"), "--initrd", c.o("initrd.cpio")])
    m = re.search(r"^(\d+) passed, (\d+) failed$", text, re.M)
    if not m:
        r.check("iso: scripts/test-iso.sh result", False, last_line(text))
        return
    for line in text.splitlines():
        if line.startswith("FAIL"):
            print("FAIL iso: " + line[5:])
    r.passed += int(m.group(1))
    r.failed += int(m.group(2))
    print("ok   iso: scripts/test-iso.sh: %s" % m.group(0))
    boot_disk_ktest(r, c.i("keel.iso"), "iso: written to a disk (USB stick), UEFI boot")


def boot_disk_ktest(r, disk, label):
    path = bootpaths.BootPath(
        label, "EFI", 1024, bootpaths.VIRT + ["-bios", bootpaths.EFI_FIRMWARE],
        bootpaths.V2 + [("initrd from GRUB", r"initrd: 0x[0-9a-f]+-0x[0-9a-f]+ .* via ")],
        menu=bootpaths.GRUB_KTEST,
        media=lambda: ["-drive", "if=virtio,format=raw,snapshot=on,file=" + disk])
    for name, ok, detail in ktest.run_path(path, "", VERBOSE, 120):
        r.check(name, ok, detail)


def test_install(r, c, tmp):
    iso_dir = os.path.join(tmp, "iso")
    rc, text = run(["xorriso", "-osirrox", "on", "-indev", c.i("keel.iso"),
                    "-extract", "/", iso_dir])
    if not r.check("install: the ISO's files extracted (xorriso, no mount)", rc == 0, last_line(text)):
        return
    disk = os.path.join(tmp, "from-iso.img")
    rc, text = run(["bash", os.path.join(iso_dir, "install.sh"), "--yes", disk])
    r.check("install: install.sh from the ISO writes a disk image file", rc == 0, last_line(text))
    r.check("install: ... with the ISO's prebuilt GRUB (no modules here)",
            "GRUB prebuilt " + os.path.join(iso_dir, "EFI/keel/BOOTAA64.EFI") in text, last_line(text))
    if rc != 0:
        return
    pt = partitions(disk)
    parts = (pt or {}).get("partitions", [])
    r.check("install: GPT with one EFI system partition at 1 MiB",
            pt is not None and pt["label"] == "gpt" and len(parts) == 1 and
            parts[0]["type"] == ESP_TYPE and parts[0]["start"] == 2048, str(pt))
    files = fat_list(disk, 1)
    want = ["EFI/BOOT/BOOTAA64.EFI", "EFI/BOOT/grub.cfg", "VERSION", "boot/initrd.cpio",
            "boot/kernel8.img"]
    r.check("install: the ESP holds GRUB, grub.cfg, kernel, initrd, VERSION",
            all(w in files for w in want), "found %s" % files)
    got = os.path.join(tmp, "esp")
    ok, text = fat_get(disk, 1, ["boot/kernel8.img", "boot/initrd.cpio", "EFI/BOOT/grub.cfg",
                                 "EFI/BOOT/BOOTAA64.EFI"], got)
    r.check("install: the ESP's kernel8.img is the ISO's",
            ok and same(os.path.join(got, "kernel8.img"), c.kernel))
    r.check("install: the ESP's initrd.cpio is the ISO's",
            ok and same(os.path.join(got, "initrd.cpio"), c.initrd))
    r.check("install: the ESP's grub.cfg is the ISO's menu",
            ok and same(os.path.join(got, "grub.cfg"), os.path.join(ROOT, "iso", "grub.cfg")))
    r.check("install: from the ISO = OUT/keel-disk.img (make install-disk), byte for byte",
            same(disk, c.i("keel-disk.img")))

    tree_disk = os.path.join(tmp, "from-tree.img")
    rc, text = run(c.installer() + ["--yes", tree_disk])
    r.check("install: install.sh from the tree builds GRUB with grub-mkimage",
            rc == 0 and "built with grub-mkimage" in text, last_line(text))
    r.check("install: from the tree = from the ISO, byte for byte", same(tree_disk, disk))

    boot_disk_ktest(r, disk, "install: UEFI disk boot")


def expect_refusal(r, name, cmd, target, why_re, env=None):
    before = sha(target) if os.path.isfile(target) else None
    rc, text = run(cmd, env=env)
    after = sha(target) if os.path.isfile(target) else None
    r.check(name, rc != 0 and re.search(why_re, text) is not None and before == after,
            "exit %d, %s%s" % (rc, last_line(text), "" if before == after else "; TARGET CHANGED"))


def test_refusals(r, c, tmp):
    inst = c.installer()
    rpi = ["bash", "scripts/install-rpi4.sh", "--image", c.i("keel-rpi4.img")]

    parted = os.path.join(tmp, "parted.img")
    shutil.copyfile(c.i("keel-disk.img"), parted)
    expect_refusal(r, "refuse: install.sh, a file holding partitions, no --force",
                   inst + ["--yes", parted], parted, r"holds .*gpt.*--force")
    expect_refusal(r, "refuse: install-rpi4.sh, a file holding partitions, no --force",
                   rpi + ["--yes", parted], parted, r"holds .*--force")
    fat = os.path.join(tmp, "fat.img")
    run(["mkfs.fat", "-C", fat, "40960"])
    expect_refusal(r, "refuse: install.sh, a file holding a FAT file system, no --force",
                   inst + ["--yes", fat], fat, r"holds vfat.*--force")

    fresh = os.path.join(tmp, "fresh.img")
    if c.variant == "debug":
        expect_refusal(r, "refuse: install.sh without --yes, stdin /dev/null (it shows what it "
                       "would write: OUT's kernel and initrd)", ["bash", "iso/install.sh", fresh],
                       fresh, re.escape(c.o("kernel8.img")) + r"(.|\n)*not a terminal",
                       env=dict(os.environ, KEEL_OUT=c.out))
    else:
        expect_refusal(r, "refuse: install.sh without --yes, stdin /dev/null",
                       inst + [fresh], fresh, r"not a terminal")
    r.check("refuse: ... and the file was not created", not os.path.exists(fresh))
    expect_refusal(r, "refuse: install.sh without --yes, stdin closed",
                   ["bash", "-c", "exec 0<&-; exec \"$@\"", "_"] + inst + [fresh], fresh,
                   r"not a terminal")
    expect_refusal(r, "refuse: install-rpi4.sh without --yes, stdin closed",
                   ["bash", "-c", "exec 0<&-; exec \"$@\"", "_"] + rpi + [fresh], fresh,
                   r"not a terminal")
    r.check("refuse: ... and no file was created", not os.path.exists(fresh))
    expect_refusal(r, "refuse: install.sh onto a directory", inst + ["--yes", tmp], tmp,
                   r"neither a block device nor a regular file")

    rc, text = run(inst + ["--yes", "--force", parted])
    r.check("refuse: install.sh --force --yes overwrites the partitioned file", rc == 0,
            last_line(text))
    r.check("refuse: ... giving the same disk as make install-disk",
            same(parted, c.i("keel-disk.img")))
    os.truncate(parted, 100 << 20)
    rc, text = run(rpi + ["--yes", "--force", parted])
    r.check("refuse: install-rpi4.sh --force --yes writes and verifies",
            rc == 0 and "verified" in text, last_line(text))
    sd = c.i("keel-rpi4.img")
    pt = partitions(parted)
    r.check("refuse: ... the image's bytes at the start of a larger file, its size kept, "
            "no GPT left", same_range(parted, sd, 0, os.path.getsize(sd)) and
            os.path.getsize(parted) == 100 << 20 and pt is not None and pt["label"] == "dos",
            str(pt))
    card = os.path.join(tmp, "card.img")
    rc, text = run(rpi + ["--yes", card])
    r.check("refuse: install-rpi4.sh --yes onto a new file: a copy of the image",
            rc == 0 and same(card, sd), last_line(text))

    test_block_devices(r, c, tmp)


def loop_attach(path):
    rc, text = run(["losetup", "-f", "--show", path])
    return text.strip() if rc == 0 and text.startswith("/dev/loop") else None


def test_block_devices(r, c, tmp):
    if os.geteuid() != 0 or not os.path.exists("/dev/loop-control") or not shutil.which("losetup"):
        print("skip refuse: block devices (needs root and loop devices)")
        return
    inst = c.installer()
    backing = os.path.join(tmp, "loop.img")
    shutil.copyfile(c.i("keel-disk.img"), backing)
    dev = loop_attach(backing)
    if not dev:
        print("skip refuse: block devices (losetup failed)")
        return
    mnt = os.path.join(tmp, "mnt")
    mounted = None
    try:
        expect_refusal(r, "refuse: a file attached to a loop device, even with --force",
                       inst + ["--yes", "--force", backing], backing, r"attached to /dev/loop")
        expect_refusal(r, "refuse: a non-removable device without --force (%s)" % dev,
                       inst + ["--yes", dev], backing, r"not a removable")
        rc, text = run(inst + ["--yes", "--force", dev])
        r.check("refuse: --force --yes writes the loop device and verifies it",
                rc == 0 and "verified" in text, last_line(text))
        pt = partitions(backing)
        parts = (pt or {}).get("partitions", [])
        r.check("refuse: ... GPT with the same ESP as keel-disk.img",
                pt is not None and len(parts) == 1 and parts[0]["type"] == ESP_TYPE and
                same_range(backing, c.i("keel-disk.img"), 1 << 20, 64 << 20))
        rc, _ = run(["mkfs.ext4", "-q", "-F", dev])
        os.makedirs(mnt)
        if rc == 0 and run(["mount", dev, mnt])[0] == 0:
            mounted = mnt
            expect_refusal(r, "refuse: a mounted device, even with --force",
                           inst + ["--yes", "--force", dev], backing, r"is mounted")
            expect_refusal(r, "refuse: install-rpi4.sh, a mounted device, even with --force",
                           ["bash", "scripts/install-rpi4.sh", "--image", c.i("keel-rpi4.img"),
                            "--yes", "--force", dev],
                           backing, r"is mounted")
        else:
            print("skip refuse: a mounted device (cannot mount ext4 here)")
    finally:
        if mounted:
            run(["umount", mounted])
        run(["losetup", "-d", dev])


# ---------------------------------------------------------------------------
def test_sd(r, c, tmp):
    import pexpect
    img = c.i("keel-rpi4.img")
    pt = partitions(img)
    parts = (pt or {}).get("partitions", [])
    r.check("sd: MBR with one bootable FAT32 (0x0c) partition at 4 MiB",
            pt is not None and pt["label"] == "dos" and len(parts) == 1 and
            parts[0]["type"] == "c" and parts[0].get("bootable") and parts[0]["start"] == 8192,
            str(pt))
    files = fat_list(img, 4)
    want = ["start4.elf", "fixup4.dat", "bcm2711-rpi-4-b.dtb", "config.txt", "cmdline.txt",
            "kernel8.img", "initrd.cpio"]
    r.check("sd: the boot partition holds %s" % " ".join(want),
            all(w in files for w in want), "found %s" % files)
    got = os.path.join(tmp, "sd")
    ok, text = fat_get(img, 4, want, got)
    if not r.check("sd: files taken out with mcopy -i IMG@@4M", ok, last_line(text)):
        return
    cfg = open(os.path.join(got, "config.txt")).read().splitlines()
    for line in ["arm_64bit=1", "enable_uart=1", "kernel=kernel8.img",
                 "initramfs initrd.cpio followkernel", "gpio=14=a0,np", "gpio=15=a0,pu"]:
        r.check("sd: config.txt has %s" % line, line in cfg)
    r.check("sd: config.txt needs no overlay", not any(l.startswith("dtoverlay") for l in cfg))
    r.check("sd: kernel8.img is the ISO's",
            same(os.path.join(got, "kernel8.img"), c.kernel))
    r.check("sd: initrd.cpio is the ISO's",
            same(os.path.join(got, "initrd.cpio"), c.initrd))
    fw = os.path.join(ROOT, ".deps", "raspi-firmware", "usr", "lib", "raspi-firmware")
    r.check("sd: start4.elf and fixup4.dat are Debian's",
            same(os.path.join(got, "start4.elf"), os.path.join(fw, "start4.elf")) and
            same(os.path.join(got, "fixup4.dat"), os.path.join(fw, "fixup4.dat")))
    r.check("sd: the DTB is Debian's bcm2711-rpi-4-b.dtb",
            same(os.path.join(got, "bcm2711-rpi-4-b.dtb"), bootpaths.rpi4_dtb() or "/nonexistent"))

    cmdline = open(os.path.join(got, "cmdline.txt")).read().strip()
    cmd = [bootpaths.QEMU, "-M", "raspi4b", "-accel", "tcg,thread=single", "-nographic",
           "-no-reboot", "-kernel", os.path.join(got, "kernel8.img"),
           "-dtb", os.path.join(got, "bcm2711-rpi-4-b.dtb"),
           "-initrd", os.path.join(got, "initrd.cpio"), "-append", cmdline]
    child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace", timeout=60)
    if VERBOSE:
        child.logfile_read = sys.stdout
    try:
        try:
            child.expect(r"keel:[^\r\n]*[#$] ")
            booted = True
        except (pexpect.TIMEOUT, pexpect.EOF):
            booted = False
        log = child.before or ""
        if not r.check("sd: raspi4b boots the SD image's files to a shell prompt", booted,
                       last_line(log)):
            return
        r.check("sd: banner names the PL011 console at 0xfe201000",
                "console: PL011 at 0xfe201000" in log)
        size = os.path.getsize(os.path.join(got, "initrd.cpio"))
        m = re.search(r"initrd: 0x[0-9a-f]+-0x[0-9a-f]+ \((\d+) KiB\)", log)
        r.check("sd: the initrd arrived (%d KiB)" % (size // 1024),
                bool(m) and int(m.group(1)) == size // 1024, m.group(0) if m else "no initrd line")
        r.check("sd: cmdline.txt is the command line", ("command line: " + cmdline) in log)

        def ask(command, pattern):
            child.send(command + "\r")
            try:
                child.expect(pattern, timeout=20)
                return child.match
            except (pexpect.TIMEOUT, pexpect.EOF):
                return None

        m = ask("echo typed-$((6*7))", r"typed-(\d+)")
        r.check("sd: the shell answers typed commands (keyboard input works)",
                m is not None and m.group(1) == "42", m.group(0) if m else "no answer")
        m = ask("cat /etc/passwd | grep root | wc -l", r"\n\s*(\d+)\s*\r?\n")
        r.check("sd: a pipeline runs: grep root in /etc/passwd counts 1",
                m is not None and m.group(1) == "1", m.group(0) if m else "no answer")
        m = ask("head -1 /proc/meminfo", r"MemTotal:\s+(\d+) kB")
        r.check("sd: /proc/meminfo shows the 960 MiB the firmware described",
                m is not None and int(m.group(1)) * 1024 >= 900 << 20,
                m.group(0) if m else "no answer")
        child.send("poweroff\r")
        try:
            child.expect_exact("powering off", timeout=20)
            child.expect(pexpect.EOF, timeout=30)
            gone = True
        except (pexpect.TIMEOUT, pexpect.EOF):
            gone = not child.isalive()
        r.check("sd: `poweroff` ends QEMU", gone)
    finally:
        child.close(force=True)


# ---------------------------------------------------------------------------
REPRO_FILES = ["kernel8.img", "initrd.cpio", "grub/BOOTAA64.EFI", "keel.iso", "keel-rpi4.img",
               "keel-disk.img", "keel-uboot.img"]


def snapshot_tree(dest):
    """Copies the working tree (tracked and untracked files, not build/ or
    .deps/) to dest, .deps linked: both builds then see the same sources even
    while someone edits the tree."""
    rc, text = run(["git", "ls-files", "-z", "-co", "--exclude-standard"])
    if rc != 0:
        return False
    for rel in text.split("\0"):
        path = os.path.join(ROOT, rel)
        if not rel or not os.path.lexists(path):
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(path, os.path.join(dest, rel), follow_symlinks=False)
    os.symlink(os.path.join(ROOT, ".deps"), os.path.join(dest, ".deps"))
    return True


def clean_env(extra):
    env = dict(os.environ, **extra)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(k, None)
    return env


def test_repro(r, c, tmp):
    """The kernel is built from scratch twice from a snapshot of the tree;
    the initrd twice with scripts/mkinitrd.sh from OUT's userland (its ports
    take minutes to build, and are not what is tested here)."""
    src, a, b = (os.path.join(tmp, n) for n in ("src", "build-a", "build-b"))
    if not r.check("repro: a snapshot of the tree", snapshot_tree(src)):
        return
    epoch = open(c.o("initrd.epoch")).read().strip()
    builds = [(a, {"TZ": "UTC", "LC_ALL": "C"}, 0o022),
              (b, {"TZ": "Pacific/Auckland", "LC_ALL": "C.UTF-8"}, 0o077)]
    start = time.monotonic()
    for d, extra, umask in builds:
        os.makedirs(os.path.join(d, "tmp"))
        env = clean_env(dict(extra, SOURCE_DATE_EPOCH=epoch, TMPDIR=os.path.join(d, "tmp"),
                             OUT=c.out))
        rc, text = run(["bash", "scripts/mkinitrd.sh", os.path.join(d, "initrd.cpio")], env=env,
                       preexec_fn=lambda m=umask: os.umask(m))
        r.check("repro: initrd for %s" % os.path.basename(d), rc == 0, last_line(text))
    for d, extra, umask in builds:
        env = clean_env(dict(extra, SOURCE_DATE_EPOCH=epoch, TMPDIR=os.path.join(d, "tmp")))
        rc, text = run(["make", "-s", "-j2", "OUT=" + d, "BUILD=" + c.variant,
                        "-o", os.path.join(d, "initrd.cpio"), "kernel", "iso", "sdimage",
                        "install-disk", "uboot-image"],
                       env=env, cwd=src, preexec_fn=lambda m=umask: os.umask(m), timeout=600)
        r.check("repro: build %s (TZ %s, umask %03o)" % (os.path.basename(d), extra["TZ"], umask),
                rc == 0, last_line(text))
        time.sleep(2.5)
    sub = "" if c.variant == "debug" else c.variant
    for f in REPRO_FILES:
        v = "" if f in ("initrd.cpio", "grub/BOOTAA64.EFI") else sub
        fa, fb = os.path.join(a, v, f), os.path.join(b, v, f)
        r.check("repro: %s is the same bytes twice" % f, same(fa, fb),
                "differ" if os.path.exists(fa) and os.path.exists(fb) else "missing")
    print("     (two builds in %.1fs)" % (time.monotonic() - start))


def main():
    global VERBOSE
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "build"))
    ap.add_argument("--variant", default="debug", choices=["debug", "release"])
    ap.add_argument("--only", default="iso,install,refuse,sd,repro")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    VERBOSE = args.verbose
    c = Context(os.path.abspath(args.out), args.variant)
    needed = [c.o("initrd.cpio"), c.o("initrd.epoch")] + [
        c.i(f) for f in ("kernel8.img", "keel.iso", "keel-disk.img", "keel-rpi4.img", "keel-uboot.img")]
    missing = [f for f in needed if not os.path.exists(f)]
    if missing:
        print("missing: %s (make test-dist builds them)" % " ".join(missing))
        print("0 passed, 1 failed")
        return 1
    r = Results()
    tests = {"iso": test_iso, "install": test_install, "refuse": test_refusals, "sd": test_sd,
             "repro": test_repro}
    tmp = tempfile.mkdtemp(prefix="keel-dist-")
    c.take_reference(tmp)
    try:
        for name in args.only.split(","):
            start = time.monotonic()
            print("--- %s" % name)
            d = os.path.join(tmp, name)
            os.makedirs(d)
            try:
                tests[name](r, c, d)
            except Exception as e:  # a broken test counts as a failure, the others still run
                r.check("%s: ran to the end" % name, False, "%s: %s" % (type(e).__name__, e))
            print("     (%s: %.1fs)" % (name, time.monotonic() - start))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (r.passed, r.failed))
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
