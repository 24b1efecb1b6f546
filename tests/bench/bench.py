#!/usr/bin/env python3
"""tests/bench/bench.py — benchmark Keel against Linux with the same userland.

    bench.py [--targets linux,keel] [--runs N] [--quick] [--out DIR]   (default: both)

For each run, and within a run for each target in turn (so that the
targets alternate), boots the target twice with the same QEMU
configuration and initrd: once as is ("wall": default TCG, the guest clock
is the host's) and once with `-icount shift=0,sleep=off` ("icount": every
guest instruction advances the guest clock by 1 ns, so a guest-side time in
ns is a count of instructions).  Each boot records:
  boot_to_prompt   wall: seconds until the shell prompt (the console
                   driver's clock); icount: the guest's CLOCK_BOOTTIME at
                   the prompt, in ns (= instructions)
  mem_idle         KiB in use at the idle prompt: MemTotal - MemAvailable
                   from /proc/meminfo
  the kbench metrics (tests/bench/kbench.c: medians of repeated runs)
  sort_pipeline    `seq 1 200000 | sort -n | uniq | wc -l`, timed in the guest
  spawn_loop_500   a 500-iteration dash loop running toybox's basename
plus kernel_image, the size of the kernel file booted.  Values are the
medians over the runs.  A value a target cannot produce (it does not boot
to a shell, or has no /proc/meminfo) is null in the JSON and "n/a" in the
table and the chart; nothing is ever estimated.

Writes DIR/results.json (default build/bench), DIR/ratios.svg (a bar chart
of Keel / Linux per metric, wall and icount) and DIR/table.txt (the table
printed at the end).  How each target boots is
tests/integration/run_shell_cases.py's target_command(), the one place
that knows the Keel and Linux command lines.  Ends with "N passed,
N failed": one check per metric and mode of every target asked for.
"""

import argparse
import glob
import json
import math
import os
import re
import statistics
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from console import Console, ConsoleError  # noqa: E402
from run_shell_cases import target_command  # noqa: E402

KBENCH = "/usr/libexec/keel-tests/bench/kbench"
MODES = {"wall": [], "icount": ["-icount", "shift=0,sleep=off"]}
MACROS = [
    ("sort_pipeline", "seq 1 200000 | sort -n | uniq | wc -l"),
    ("spawn_loop_500", "i=0; while [ $i -lt 500 ]; do basename /a/b >/dev/null; i=$((i + 1)); done"),
]
# (name, unit in wall mode, unit in icount mode); the kbench metrics are
# added from `kbench -l` output as they come.
FIXED = [
    ("boot_to_prompt", "s", "instructions"),
    ("mem_idle", "KiB", "KiB"),
    ("kernel_image", "bytes", "bytes"),
]
KBENCH_RE = re.compile(r"^kbench (\S+) (\d+|-) (\S+)", re.M)


def kernel_image(target):
    """The kernel file a target boots (for its size)."""
    if target == "linux":
        env = os.environ.get("KEEL_LINUX")
        found = [env] if env else sorted(glob.glob(
            os.path.join(ROOT, ".deps", "linux-image-arm64", "boot", "vmlinuz-*")))
        return found[-1] if found else None
    return os.path.join(ROOT, "build", "kernel8.img")


def measure(target, mode, quick, boot_timeout):
    """One boot of target in mode: a dict of metric -> value (missing ones
    absent) and the units of the kbench metrics, or an error string."""
    cmd = target_command(target, None) + MODES[mode]
    log = os.path.join(ROOT, "build", "logs", "bench-%s-%s.log" % (target, mode))
    values, units = {}, {}
    with Console(cmd, log_path=log, boot_timeout=boot_timeout) as c:
        try:
            wall_boot = c.boot()
        except ConsoleError as e:
            return None, None, "no shell prompt (%s)" % str(e).split("\n")[0]
        try:
            out, _ = c.run("%s -u; cat /proc/meminfo" % KBENCH, timeout=60)
            up = re.search(r"^kbench uptime (\d+) ns$", out, re.M)
            if mode == "wall":
                values["boot_to_prompt"] = round(wall_boot, 3)
            elif up:
                values["boot_to_prompt"] = int(up.group(1))
            total = re.search(r"^MemTotal:\s+(\d+) kB", out, re.M)
            avail = re.search(r"^MemAvailable:\s+(\d+) kB", out, re.M)
            if total and avail:
                values["mem_idle"] = int(total.group(1)) - int(avail.group(1))
            out, _ = c.run("%s%s </dev/null 2>&1" % (KBENCH, " -q" if quick else ""), timeout=1800)
            for name, value, unit in KBENCH_RE.findall(out):
                units[name] = unit
                if value != "-":
                    values[name] = int(value)
            for name, text in MACROS:
                out, _ = c.run("%s -r 1 -c %s '%s' </dev/null 2>&1" % (KBENCH, name, text),
                               timeout=1800)
                for n, value, unit in KBENCH_RE.findall(out):
                    units[n] = unit
                    if value != "-":
                        values[n] = int(value)
        except ConsoleError as e:
            return values, units, "the guest stopped answering: %s" % str(e).split("\n")[0]
        c.poweroff()
    return values, units, None


def median_or_none(samples):
    samples = [s for s in samples if s is not None]
    if not samples:
        return None
    m = statistics.median(samples)
    return int(m) if all(isinstance(s, int) for s in samples) and m == int(m) else m


def fmt(value, unit):
    if value is None:
        return "n/a"
    if unit == "s":
        return "%.2f" % value
    if isinstance(value, float):
        return "%.1f" % value
    return "{:,}".format(value)


def ratio(keel, linux):
    if keel is None or linux is None or not linux:
        return None
    return keel / linux


def svg_chart(rows, path, note=""):
    """rows: (label, wall ratio or None, icount ratio or None).  A log2 axis
    from 1/16 to 16 (bars beyond it stop at its end; the label has the
    value), bars from the 1.0 line; "n/a" for missing ratios.  note: a line
    under the axis."""
    left, width, row_h, top = 190, 520, 30, 60
    bottom = top + row_h * len(rows) + 5
    height = bottom + (56 if note else 40)
    lo, hi = -4.0, 4.0

    def x_of(r):
        v = max(lo, min(hi, math.log2(r)))
        return left + (v - lo) / (hi - lo) * width

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">' % (left + width + 90, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="22" font-size="15" font-weight="bold">Keel ÷ Linux per metric '
           '(below 1: Keel is faster or smaller)</text>' % left,
           '<rect x="%d" y="32" width="12" height="10" fill="#4e79a7"/>'
           '<text x="%d" y="41">wall clock (TCG)</text>' % (left, left + 16),
           '<rect x="%d" y="32" width="12" height="10" fill="#f28e2b"/>'
           '<text x="%d" y="41">instructions (-icount shift=0)</text>' % (left + 150, left + 166)]
    for tick in range(int(lo), int(hi) + 1, 2):
        x = left + (tick - lo) / (hi - lo) * width
        label = "1" if tick == 0 else ("%d" % 2 ** tick if tick > 0 else "1/%d" % 2 ** -tick)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>'
                   % (x, top - 5, x, bottom, "#333" if tick == 0 else "#ddd"))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x, bottom + 15, label))
    for i, (label, wall, icount) in enumerate(rows):
        y = top + i * row_h
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 8, y + 17, label))
        for j, (r, color) in enumerate(((wall, "#4e79a7"), (icount, "#f28e2b"))):
            by = y + 4 + j * 11
            if r is None:
                out.append('<text x="%d" y="%d" fill="#888" font-size="10">n/a</text>'
                           % (left + width / 2 + 4, by + 9))
                continue
            x0, x1 = x_of(1.0), x_of(r)
            out.append('<rect x="%.1f" y="%d" width="%.1f" height="10" fill="%s"/>'
                       % (min(x0, x1), by, max(abs(x1 - x0), 1), color))
            out.append('<text x="%.1f" y="%d" font-size="10">%.3g</text>' % (max(x0, x1) + 4, by + 9, r))
    out.append('<text x="%d" y="%d" fill="#555">Keel ÷ Linux (log scale)</text>'
               % (left + width / 2 - 60, bottom + 32))
    if note:
        out.append('<text x="%d" y="%d" fill="#555" font-size="11">%s</text>'
                   % (left, bottom + 50, note.replace("&", "&amp;").replace("<", "&lt;")))
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--targets", default="linux,keel", help="comma-separated: linux, keel")
    ap.add_argument("--runs", type=int, help="boots per target and mode (default 3; --quick 1)")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (make test-perf)")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--boot-timeout", type=int, default=180)
    args = ap.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    if any(t not in ("linux", "keel") for t in targets):
        ap.error("targets are linux and keel")
    runs = args.runs or (1 if args.quick else 3)
    start = time.monotonic()

    samples = {t: {m: {} for m in MODES} for t in targets}   # target -> mode -> metric -> [values]
    units = {}
    errors = {t: [] for t in targets}
    for run in range(runs):
        for target in targets:
            for mode in MODES:
                t0 = time.monotonic()
                values, u, err = measure(target, mode, args.quick, args.boot_timeout)
                units.update(u or {})
                for name, value in (values or {}).items():
                    samples[target][mode].setdefault(name, []).append(value)
                if err:
                    errors[target].append("run %d, %s: %s" % (run + 1, mode, err))
                print("run %d/%d %s %s: %s (%.0fs)" % (run + 1, runs, target, mode,
                                                       err or "%d values" % len(values),
                                                       time.monotonic() - t0))
                sys.stdout.flush()

    # The fixed rows, then kbench's metrics and the macros in the order kbench printed them.
    metrics = list(FIXED)
    for name, unit in units.items():
        metrics.append((name, unit, "instructions" + unit[2:] if unit.startswith("ns/") else unit))

    results = {"targets": {}, "metrics": [], "config": {
        "runs": runs, "quick": args.quick, "modes": MODES,
        "qemu": {t: target_command(t, None) for t in ("linux", "keel")},
        "macros": dict(MACROS)}}
    for target in targets:
        image = kernel_image(target)
        entry = {"errors": errors[target], "values": {}}
        for mode in MODES:
            entry["values"][mode] = {}
            for name, _, _ in metrics:
                if name == "kernel_image":
                    value = os.path.getsize(image) if image and os.path.exists(image) else None
                else:
                    value = median_or_none(samples[target][mode].get(name, []))
                entry["values"][mode][name] = value
        entry["kernel_file"] = os.path.relpath(image, ROOT) if image else None
        results["targets"][target] = entry
    if "keel" not in targets:
        # Not booted; its kernel file is still there to be measured.
        image = kernel_image("keel")
        size = os.path.getsize(image) if os.path.exists(image) else None
        results["targets"]["keel"] = {
            "errors": ["not run"],
            "kernel_file": os.path.relpath(image, ROOT),
            "values": {mode: {name: size if name == "kernel_image" else None for name, _, _ in metrics}
                       for mode in MODES}}

    def value(target, mode, name):
        t = results["targets"].get(target)
        return t["values"][mode].get(name) if t else None

    table = ["%-16s %-14s %14s %14s %7s %16s %16s %7s" % (
        "metric", "unit", "linux wall", "keel wall", "ratio", "linux icount", "keel icount", "ratio"),
        "-" * 112]
    chart_rows = []
    for name, unit, icount_unit in metrics:
        rw = ratio(value("keel", "wall", name), value("linux", "wall", name))
        ri = ratio(value("keel", "icount", name), value("linux", "icount", name))
        results["metrics"].append({"name": name, "unit": unit, "icount_unit": icount_unit,
                                   "ratio_wall": rw, "ratio_icount": ri})
        table.append("%-16s %-14s %14s %14s %7s %16s %16s %7s" % (
            name, unit, fmt(value("linux", "wall", name), unit), fmt(value("keel", "wall", name), unit),
            "n/a" if rw is None else "%.3g" % rw,
            fmt(value("linux", "icount", name), icount_unit),
            fmt(value("keel", "icount", name), icount_unit),
            "n/a" if ri is None else "%.3g" % ri))
        chart_rows.append((name, rw, ri))
    table.append("(icount: -icount shift=0,sleep=off, a guest ns is one instruction; "
                 "wall: default TCG on this host; medians of %d run%s)" % (runs, "s" * (runs > 1)))
    if "keel" not in targets:
        table.append("keel: not run (--targets linux,keel)")
    for t in targets:
        for e in errors[t]:
            table.append("%s: %s" % (t, e))

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")
    note = "" if "keel" in targets else "Keel not booted: only its kernel size"
    svg_chart(chart_rows, os.path.join(args.out, "ratios.svg"), note)
    with open(os.path.join(args.out, "table.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(table) + "\n")
    print("\n".join(table))

    passed = failed = 0
    for target in targets:
        for mode in MODES:
            for name, _, _ in metrics:
                if name == "mem_idle" and target == "keel":
                    continue  # optional until Keel has /proc/meminfo
                if value(target, mode, name) is None:
                    failed += 1
                    print("FAIL %s %s: no %s" % (target, mode, name))
                else:
                    passed += 1
    print("bench: %s in %.0fs; wrote %s/{results.json,ratios.svg,table.txt}" % (
        ",".join(targets), time.monotonic() - start, os.path.relpath(args.out, ROOT)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
