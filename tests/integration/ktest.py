#!/usr/bin/env python3
"""ktest.py — boot Keel with the `ktest` flag on each boot path and check it.

For every path: the kernel must print its banner with the RAM size and the
devices that path's machine has, run the in-kernel self-tests, print
"ktest: N passed, 0 failed" and power the machine off (QEMU exits by
itself).  Ends with "N passed, N failed" over all checks; exit status 1 if
any failed.

  tests/integration/ktest.py [--kernel build/kernel8.img] [--paths a,b] [-v]
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import bootpaths  # noqa: E402


def run_path(path, kernel, verbose, timeout):
    cmd = path.command(kernel, append="ktest panic=poweroff")
    if cmd is None:
        return [("%s: available" % path.name, False, path.unavailable_reason)]
    start = time.monotonic()
    if path.menu:
        out, exited, menu_ok = run_with_menu(cmd, path.menu, timeout)
    else:
        menu_ok = True
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=timeout)
            out = proc.stdout.decode("utf-8", "replace")
            exited = True
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace")
            exited = False
    elapsed = time.monotonic() - start
    if verbose:
        sys.stdout.write(out)
    checks = []

    def check(name, ok, detail=""):
        checks.append(("%s: %s" % (path.name, name), ok, detail))

    if path.menu:
        check("boot menu offers self-tests", menu_ok, "no '%s' in the menu" % path.menu[0])

    banner = re.search(r"Keel \S+ \(.*\) on aarch64", out)
    check("banner", bool(banner))
    m = re.search(r"boot: (raw|EFI) entry at EL(\d)", out)
    check("boot path %s" % path.boot, bool(m) and m.group(1) == path.boot,
          m.group(0) if m else "no boot line")
    m = re.search(r"memory: (\d+) MiB RAM", out)
    got_mib = int(m.group(1)) if m else -1
    check("RAM %d MiB" % path.ram_mib, path.ram_ok(got_mib), "reported %d MiB" % got_mib)
    for what, pattern in path.devices:
        check(what, re.search(pattern, out) is not None, "missing /%s/" % pattern)
    m = re.search(r"ktest: (\d+) passed, (\d+) failed", out)
    check("self-tests pass", bool(m) and int(m.group(1)) > 0 and m.group(2) == "0",
          m.group(0) if m else "no ktest result")
    check("powers off", exited, "still running after %ds" % timeout)
    bt = re.search(r"boot: .*entry", out)
    print("  %-22s %5.2fs to power-off%s" % (path.name, elapsed, "" if bt else " (no banner)"))
    return checks


def run_with_menu(cmd, menu, timeout):
    """Boot `cmd`, wait for the boot loader's menu text menu[0], type menu[1]
    (as a user would), then wait for QEMU to exit.  Returns (output, exited,
    menu_seen)."""
    import pexpect
    child = pexpect.spawn(cmd[0], cmd[1:], timeout=timeout, encoding="utf-8",
                          codec_errors="replace")
    seen = True
    try:
        child.expect_exact(menu[0])
        child.send(menu[1])
    except (pexpect.TIMEOUT, pexpect.EOF):
        seen = False
    exited = True
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        exited = False
        child.terminate(force=True)
    out = (child.before or "")
    return out, exited, seen


def bad_firmware_checks(kernel, timeout):
    """Boot on device trees made wrong on purpose (from QEMU's own, with
    fdtput): the kernel must say what is wrong and still run its tests."""
    import tempfile
    checks = []
    tmp = tempfile.mkdtemp(prefix="keel-fw-")
    base = os.path.join(tmp, "virt.dtb")
    subprocess.run([bootpaths.QEMU, "-M", "virt,dumpdtb=" + base, "-cpu", "cortex-a72", "-m", "1G",
                    "-nographic", "-nic", "none"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    cases = [
        ("no UART", [["-t", "s", "/pl011@9000000", "status", "disabled"]],
         r"described no usable console UART"),
        ("initrd past RAM", [["-t", "x", "/chosen", "linux,initrd-start", "7ff00000"],
                             ["-t", "x", "/chosen", "linux,initrd-end", "90000000"]],
         r"initrd 0x7ff00000-0x90000000 lies outside RAM; ignoring it"),
    ]
    for name, edits, pattern in cases:
        dtb = os.path.join(tmp, name.replace(" ", "-") + ".dtb")
        with open(base, "rb") as src, open(dtb, "wb") as dst:
            dst.write(src.read())
        for e in edits:  # e = [type option, type, node, property, value]
            subprocess.run(["fdtput"] + e[:2] + [dtb] + e[2:], check=True)
        cmd = [bootpaths.QEMU, "-M", "virt", "-cpu", "cortex-a72", "-m", "1G", "-nographic",
               "-no-reboot", "-nic", "none", "-kernel", kernel, "-dtb", dtb, "-append",
               "ktest panic=poweroff"]
        try:
            out = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, timeout=timeout).stdout.decode(
                                     "utf-8", "replace")
            exited = True
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace")
            exited = False
        m = re.search(r"ktest: (\d+) passed, (\d+) failed", out)
        checks.append(("firmware %s: clear message" % name, re.search(pattern, out) is not None,
                       "no /%s/" % pattern))
        checks.append(("firmware %s: still boots and passes its self-tests" % name,
                       bool(m) and m.group(2) == "0" and exited, m.group(0) if m else "no result"))
    return checks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel8.img"))
    ap.add_argument("--paths", default=",".join(bootpaths.DEFAULT_KTEST_PATHS))
    ap.add_argument("--iso", default=bootpaths.ISO)
    ap.add_argument("--uboot-disk", default=bootpaths.UBOOT_DISK)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    bootpaths.ISO = os.path.abspath(args.iso)
    bootpaths.UBOOT_DISK = os.path.abspath(args.uboot_disk)
    passed = failed = 0
    all_checks = []
    for name in args.paths.split(","):
        all_checks += run_path(bootpaths.PATHS[name], args.kernel, args.verbose, args.timeout)
    all_checks += bad_firmware_checks(args.kernel, args.timeout)
    for cname, ok, detail in all_checks:
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s%s" % (cname, (": " + detail) if detail else ""))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
