#!/usr/bin/env python3
"""tests/stress/run.py — the stress and fuzz programs on a target.

    run.py --target linux|keel [-k NAME] [-v] [--cmd 'QEMU ...']

Boots the target once (the command line of the shell cases:
tests/integration/run_shell_cases.py) and runs, from
/usr/libexec/keel-tests/stress:
  sysfuzz    100000 random system calls from 4 processes
  elfmut     execve of 1000 mutated ELF files
  forkbomb   a fork bomb held by RLIMIT_NPROC 64, then killed
  memhog     memory until ENOMEM, under `ulimit -v 262144` (256 MiB)
  fdexhaust  descriptors until EMFILE
  pipeflood  pipe traffic, full pipes, blocked writers
  pipelines  40 pipelines of 5 processes at once (pipelines.sh)
Each is two checks: its own verdict (exit status and summary line) and
that the shell still answers afterwards (echo, and a program started).
Prints each program's summary, every failure, and "N passed, N failed";
exit status 1 when anything failed.
"""

import argparse
import os
import re
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from console import Console, ConsoleError, ConsoleTimeout  # noqa: E402
from run_shell_cases import target_command  # noqa: E402

D = "/usr/libexec/keel-tests/stress"


def sysfuzz_ok(out, status):
    m = re.search(r"^sysfuzz: (\d+) calls, done$", out, re.M)
    return status == 0 and m is not None and int(m.group(1)) >= 100000


def elfmut_ok(out, status):
    m = re.search(r"^elfmut: (\d+) mutants, .*, (\d+) hung$", out, re.M)
    return status == 0 and m is not None and int(m.group(1)) >= 1000 and m.group(2) == "0"


def line_ok(pattern, statuses=(0,)):
    return lambda out, status: status in statuses and re.search(pattern, out, re.M) is not None


# (name, shell command, timeout in seconds, verdict(output, status))
STEPS = [
    ("sysfuzz", "%s/sysfuzz -n 100000 -p 4" % D, 900, sysfuzz_ok),
    ("elfmut", "%s/elfmut -n 1000" % D, 900, elfmut_ok),
    ("forkbomb", "%s/forkbomb -l 64 -t 2" % D, 120,
     line_ok(r"^forkbomb: limit 64, .* all killed, fork works$")),
    # Killed (by the OOM killer) is an acceptable end too.
    ("memhog", "(ulimit -v 262144 && exec %s/memhog)" % D, 300,
     lambda out, status: (status == 0 and re.search(r"^memhog: .*freed and reused$", out, re.M)
                          is not None) or status == 128 + 9),
    ("fdexhaust", "%s/fdexhaust" % D, 120, line_ok(r"^fdexhaust: limit \d+: .*, recovered$")),
    ("pipeflood", "%s/pipeflood" % D, 300,
     line_ok(r"^pipeflood: .*checksums ok; 256 full pipes .*; 16 blocked writers killed$")),
    ("pipelines", "sh %s/pipelines.sh 40" % D, 300,
     line_ok(r"^pipelines: 40 pipelines, 200 processes at once, 40 correct$")),
]


def shell_answers(console):
    try:
        out, status = console.run("echo alive; /bin/true && echo started", timeout=60)
        return status == 0 and out == "alive\nstarted\n"
    except ConsoleTimeout:
        return console.recover()
    except ConsoleError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--target", choices=["linux", "keel"], required=True)
    ap.add_argument("--cmd", help="QEMU command line to boot instead of the default")
    ap.add_argument("-k", dest="pattern", help="only programs whose name contains this")
    ap.add_argument("-v", action="store_true", help="print each program's whole output")
    ap.add_argument("--boot-timeout", type=int, default=180)
    args = ap.parse_args()

    steps = [s for s in STEPS if not args.pattern or args.pattern in s[0]]
    log_path = os.path.join(ROOT, "build", "logs", "stress-%s.log" % args.target)
    passed = failed = 0
    start = time.monotonic()
    console = Console(target_command(args.target, args.cmd), log_path=log_path,
                      boot_timeout=args.boot_timeout)
    try:
        try:
            print("%s: booted to a shell in %.1fs" % (args.target, console.boot()))
        except ConsoleError as e:
            print("%s: %s\n(console log: %s)" % (args.target, e, os.path.relpath(log_path, ROOT)))
            print("0 passed, %d failed" % (2 * len(steps)))
            return 1
        for i, (name, command, timeout, verdict) in enumerate(steps):
            t0 = time.monotonic()
            try:
                out, status = console.run(command + " </dev/null 2>&1", timeout=timeout)
            except ConsoleTimeout as e:
                out, status = e.partial + "[timed out after %ds]\n" % timeout, None
                console.recover()
            except ConsoleError as e:
                print("FAIL %s: %s" % (name, e))
                failed += 2 * (len(steps) - i)
                break
            secs = time.monotonic() - t0
            ok = verdict(out, status)
            lines = out.strip().split("\n")
            shown = lines if args.v or not ok else [l for l in lines if l.startswith(name + ":")]
            print("%s %s (%.1fs, exit %s)" % ("ok  " if ok else "FAIL", name, secs, status))
            for line in shown[-12:]:
                print("    " + line)
            answers = shell_answers(console)
            if not answers:
                print("FAIL %s: the shell does not answer afterwards" % name)
            passed += int(ok) + int(answers)
            failed += int(not ok) + int(not answers)
            if not answers and not console.alive():
                failed += 2 * (len(steps) - i - 1)
                break
        if console.alive() and not console.poweroff():
            print("%s: the guest did not power off by itself (killed)" % args.target)
            failed += 1
    finally:
        console.close()
    print("%s: %d programs in %.1fs" % (args.target, len(steps), time.monotonic() - start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
