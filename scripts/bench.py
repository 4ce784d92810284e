#!/usr/bin/env python3
"""The benchmark's measurements (run by scripts/bench.sh, which builds what
this runs). Every figure is a median of --runs repetitions taken in this one
run, and every target is a ratio of two figures of this run: the machine is
shared and noisy, absolute times are not comparable between runs. Peak memory
is the largest resident set of the process and its children (getrusage)."""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("--bin", required=True)
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--scale", action="store_true")
parser.add_argument("--profile", action="store_true")
parser.add_argument("--watch", type=int, default=0, metavar="N", help="also: RSS of demarc watch after 10 and after N rebuilds")
args = parser.parse_args()
demarc = os.path.join(args.bin, "demarc")
synthetic = os.path.join(args.bin, "demarc-synthetic")
door_swift = os.path.join(args.bin, "demarc-bench-door")
door_c = os.path.join(".build", "bench", "door")
tmp = tempfile.mkdtemp(prefix="demarc-bench-")
env = dict(os.environ, DEMARC_CACHE_DIR=os.path.join(tmp, "cache"))


def run(command, **kw):
    """Runs a command that must succeed."""
    p = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **kw)
    if p.returncode != 0:
        sys.exit(f"bench: failed: {' '.join(command)}\n{p.stderr.decode()[-2000:]}")
    return p


def timed(command, setup=None, runs=None):
    """Median seconds and the largest peak RSS (MB) over the runs."""
    times, peaks = [], []
    for _ in range(runs or args.runs):
        if setup:
            setup()
        start = time.perf_counter()
        p = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - start)
        err = p.stderr.read().decode()
        p.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"bench: failed: {' '.join(command)}\n{err[-2000:]}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def fresh(path):
    def setup():
        shutil.rmtree(path, ignore_errors=True)
    return setup


def dot_files(model_args, out):
    shutil.rmtree(out, ignore_errors=True)
    run([demarc, "build", *model_args, "--out", out, "--format", "dot", "--parts", "diagrams", "--lang", "all", "--no-cache"])
    return sorted(glob.glob(os.path.join(out, "*", "diagrams", "*.dot")))


def dot_batched(files):
    def setup():
        for f in glob.glob(os.path.join(os.path.dirname(os.path.dirname(files[0])), "*", "diagrams", "*.dot.svg")):
            os.remove(f)
    return ["dot", "-Tsvg", "-O", *files], setup


rows = []


def row(name, seconds, peak=None):
    rows.append((name, seconds, peak))
    print(f"  {name:<58} {seconds * 1000:9.0f} ms" + (f"  {peak:7.0f} MB" if peak else ""), flush=True)


def ratio(name, a, b, target=None):
    r = a / b
    verdict = "" if target is None else ("  target ≤ %.2f: %s" % (target, "met" if r <= target else "NOT MET"))
    print(f"  {name:<58} {r:9.2f}×{verdict}", flush=True)
    return r


print(f"bench: {args.runs} runs each, medians; {os.cpu_count()} cores; demarc {demarc}")
print("\n== the default model (--lang all --format svg, pages and reports included) ==")
files = dot_files([], os.path.join(tmp, "dot"))
print(f"  ({len(files)} DOT files written by build --format dot)")
full_out = os.path.join(tmp, "full")
full, full_peak = timed([demarc, "build", "--out", full_out, "--lang", "all", "--format", "svg", "--jobs", "2", "--no-cache"], setup=fresh(full_out))
row("build, empty folder, --jobs 2, no cache", full, full_peak)
cold, _ = timed(
    [demarc, "build", "--out", full_out, "--lang", "all", "--format", "svg", "--jobs", "2"],
    setup=lambda: (shutil.rmtree(full_out, ignore_errors=True), shutil.rmtree(env["DEMARC_CACHE_DIR"], ignore_errors=True)))
row("build, empty folder and empty cache, --jobs 2", cold)
run([demarc, "build", "--out", full_out, "--lang", "all", "--format", "svg", "--jobs", "2"])
noop, noop_peak = timed([demarc, "build", "--out", full_out, "--lang", "all", "--format", "svg", "--jobs", "2"])
row("build, nothing changed (no-op)", noop, noop_peak)
warm_out = os.path.join(tmp, "warm")
warm, _ = timed([demarc, "build", "--out", warm_out, "--lang", "all", "--format", "svg", "--jobs", "2"], setup=fresh(warm_out))
row("build, empty folder, every diagram in the cache", warm)
command, setup = dot_batched(files)
batched, batched_peak = timed(command, setup=setup)
row(f"one dot -Tsvg -O process over the {len(files)} DOT files", batched, batched_peak)
per_file, _ = timed(["sh", "-c", 'for f in "$@"; do dot -Tsvg -O "$f"; done', "sh", *files], runs=max(1, args.runs // 2))
row("dot started once per file", per_file)
check, _ = timed([demarc, "check"])
row("demarc check", check)
print()
ratio("(a) full build / one batched dot", full, batched, 0.8)
ratio("(b) full build / dot once per file", full, per_file, 0.15)
ratio("(c) no-op / full build", noop, full, 0.1)

print("\n== the door against the same libgvc calls from C (warm, many iterations) ==")
biggest = max(files, key=os.path.getsize)
iterations = "40"
swift_ns, c_ns = [], []
for _ in range(args.runs):
    swift_ns.append(int(subprocess.run([door_swift, biggest, "svg", iterations], capture_output=True, check=True).stdout))
    c_ns.append(int(subprocess.run([door_c, biggest, "svg", iterations], capture_output=True, check=True).stdout))
s, c = statistics.median(swift_ns), statistics.median(c_ns)
print(f"  {os.path.relpath(biggest, tmp)} ({os.path.getsize(biggest)} bytes of DOT), {iterations} iterations, svg")
print(f"  {'the door (Swift)':<58} {s / 1e6:9.2f} ms per render")
print(f"  {'libgvc from C':<58} {c / 1e6:9.2f} ms per render")
ratio("(d) the door / C", s, c, 1.1)

if args.scale:
    print("\n== scaling (synthetic models: 6 layers; --lang all --format svg; no cache) ==")
    print(f"  {'offerings × entries':<22} {'jobs':>4} {'time':>10} {'peak RSS':>10}   {'batched dot':>12}")
    for offerings, requirements, items in [(5, 10, 8), (50, 10, 8), (5, 100, 8), (50, 100, 8)]:
        entries = requirements * (items + 2)
        model = os.path.join(tmp, f"synthetic-{offerings}-{entries}")
        subprocess.run([synthetic, model, "6", str(offerings), str(requirements), str(items)], check=True, capture_output=True)
        files = dot_files([model], os.path.join(tmp, f"dot-{offerings}-{entries}"))
        command, setup = dot_batched(files)
        batched, _ = timed(command, setup=setup, runs=1)
        out = os.path.join(tmp, f"scale-{offerings}-{entries}")
        times = {}
        for jobs in ["1", "2"]:
            seconds, peak = timed([demarc, "build", model, "--out", out, "--lang", "all", "--format", "svg", "--jobs", jobs, "--no-cache"],
                                  setup=fresh(out), runs=1)
            times[jobs] = seconds
            print(f"  {f'{offerings} × {entries:,}':<22} {jobs:>4} {seconds:9.1f}s {peak:8.0f} MB   {batched:11.1f}s", flush=True)
        print(f"  {'':<22} --jobs 2 is {times['1'] / times['2']:.2f}× faster than --jobs 1; build / batched dot: {times['2'] / batched:.2f}×")

if args.profile:
    # callgrind (valgrind 3.19) cannot read this toolchain's binaries (it
    # stops with SIGSEGV in its debuginfo reader): perf samples instead.
    print("\n== profile (perf, cycles): build --jobs 0 of the default model (--lang all --format svg, no cache) ==")
    out = os.path.join(tmp, "profile")
    data = os.path.join(tmp, "perf.data")
    subprocess.run(["perf", "record", "-F", "4000", "-g", "-o", data, demarc, "build", "--out", out, "--lang", "all", "--format", "svg",
                    "--jobs", "0", "--no-cache"], check=True, capture_output=True, env=env)
    for sort, title in [("dso", "by library (self)"), ("symbol", "by function (with what it calls)")]:
        report = subprocess.run(["perf", "report", "-i", data, "--sort", sort, "--stdio", "-g", "none"] + (["--children"] if sort == "symbol" else []),
                                capture_output=True, text=True, check=True).stdout
        report = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input=report, capture_output=True, text=True).stdout or report
        lines = [l for l in report.splitlines() if "%" in l and not l.startswith("#")]
        skip = ("dispatch", "start_thread", "swift_job", "runJob", "[k]", "0000000000")
        print("  " + title)
        for l in [l for l in lines if not any(k in l for k in skip)][:14]:
            print("    " + " ".join(l.split())[:140])

if args.watch:
    print(f"\n== demarc watch: resident memory after 10 and after {args.watch} rebuilds (a small model, --jobs 0) ==")
    folder = os.path.join(tmp, "watch-model")
    os.makedirs(folder)
    source = open(os.path.join("Tests/DemarcModelTests/Fixtures/beyond-p2/english-only/model.yaml"), encoding="utf-8").read()
    model = os.path.join(folder, "model.yaml")
    open(model, "w", encoding="utf-8").write(source)
    out_log = open(os.path.join(tmp, "watch.out"), "w+")
    err_log = open(os.path.join(tmp, "watch.err"), "w+")
    watcher = subprocess.Popen([demarc, "watch", folder, "--out", os.path.join(tmp, "watch-out"), "--format", "svg", "--jobs", "0", "--debounce", "0"],
                               stdout=out_log, stderr=err_log, env=env)

    def builds():
        out_log.flush()
        return open(out_log.name, encoding="utf-8").read().count("watch-out: ")

    def rss():
        for line in open(f"/proc/{watcher.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    def wait_for(n):
        deadline = time.time() + 60
        while builds() < n:
            if time.time() > deadline or watcher.poll() is not None:
                err_log.flush()
                sys.exit(f"bench: demarc watch stopped rebuilding at {n}:\n" + open(err_log.name).read()[-1500:] + open(out_log.name).read()[-500:])
            time.sleep(0.01)

    wait_for(1)
    samples = {}
    start = time.perf_counter()
    for i in range(1, args.watch + 1):
        # Two versions in turn, saved as editors do (a new file renamed over the old).
        open(model + ".tmp", "w", encoding="utf-8").write(source.replace("version: 2.0.0", f"version: 2.0.{i % 2 + 1}"))
        os.rename(model + ".tmp", model)
        wait_for(i + 1)
        if i in (10, args.watch):
            samples[i] = rss()
    seconds = time.perf_counter() - start
    watcher.send_signal(2)
    watcher.wait(timeout=30)
    print(f"  RSS after 10 rebuilds: {samples[10]:.1f} MB; after {args.watch}: {samples[args.watch]:.1f} MB "
          f"(+{samples[args.watch] - samples[10]:.1f} MB; target ≤ +20 MB); {seconds / args.watch * 1000:.0f} ms per rebuild; exit status {watcher.returncode}")

shutil.rmtree(tmp, ignore_errors=True)
