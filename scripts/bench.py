#!/usr/bin/env python3
"""The benchmark's measurements (run by scripts/bench.sh, which builds what
this runs). Every figure is a median of --runs repetitions taken in this one
run, and every target is a ratio of two figures of this run: the machine is
shared and noisy, absolute times are not comparable between runs. The two
sides of a ratio are measured in turn (A, B, A, B, …), so that a stretch of
noise falls on both. Peak memory is the largest resident set of the process
and its children (getrusage); CPU is user + system time of the process and
its children."""

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
parser.add_argument("--runs", type=int, default=7)
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
env.pop("DEMARC_TRACE", None)
env.pop("DEMARC_TEXT_CACHE", None)


def run(command, **kw):
    """Runs a command that must succeed."""
    p = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=kw.pop("env", env), **kw)
    if p.returncode != 0:
        sys.exit(f"bench: failed: {' '.join(command)}\n{p.stderr.decode()[-2000:]}")
    return p


class Measure:
    """One command measured many times: seconds, CPU seconds, peak RSS (MB)."""

    def __init__(self, command, setup=None, run_env=None):
        self.command, self.setup, self.env = command, setup, run_env or env
        self.times, self.cpu, self.peaks = [], [], []

    def once(self):
        if self.setup:
            self.setup()
        start = time.perf_counter()
        p = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env)
        _, status, usage = os.wait4(p.pid, 0)
        self.times.append(time.perf_counter() - start)
        err = p.stderr.read().decode()
        p.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"bench: failed: {' '.join(self.command)}\n{err[-2000:]}")
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        self.peaks.append(usage.ru_maxrss / 1024)

    @property
    def median(self):
        return statistics.median(self.times)

    @property
    def cpu_median(self):
        return statistics.median(self.cpu)

    @property
    def peak(self):
        return max(self.peaks)


def interleaved(measures, runs=None):
    """Each measure once per round, in turn, for `runs` rounds."""
    for _ in range(runs or args.runs):
        for m in measures:
            m.once()
    return measures


trash = os.path.join(tmp, "trash")
os.mkdir(trash)


def discard(path):
    """Moves what a run left into the trash, emptied when the benchmark ends.
    Deleting thousands of files just before the next run is timed would
    charge that run for them: ext4 without a journal (this machine's root)
    skips every inode deleted in the last minute or more when it creates a
    file, one inode-table read each, so a build that writes 1,000 files
    right after 1,000 were deleted spent ~0.2 s of system time on it — on
    whichever side of a ratio creates more files."""
    if os.path.lexists(path):
        os.rename(path, os.path.join(trash, str(len(os.listdir(trash)))))


def fresh(*paths):
    def setup():
        for path in paths:
            discard(path)
    return setup


def dot_files(model_args, out):
    shutil.rmtree(out, ignore_errors=True)
    run([demarc, "build", *model_args, "--out", out, "--format", "dot", "--parts", "diagrams", "--lang", "all", "--no-cache"])
    return sorted(glob.glob(os.path.join(out, "*", "diagrams", "*.dot")))


def dot_batched(files):
    def setup():
        for f in glob.glob(os.path.join(os.path.dirname(os.path.dirname(files[0])), "*", "diagrams", "*.dot.svg")):
            discard(f)
    return Measure(["dot", "-Tsvg", "-O", *files], setup=setup)


def row(name, m=None, seconds=None, peak=None, cpu=None):
    seconds = m.median if m else seconds
    peak = m.peak if m and peak is None else peak
    cpu = m.cpu_median if m and cpu is None else cpu
    line = f"  {name:<56} {seconds * 1000:8.0f} ms"
    line += f"  {cpu * 1000:6.0f} ms CPU" if cpu is not None else " " * 14
    line += f"  {peak:5.0f} MB" if peak else ""
    print(line, flush=True)


def ratio(name, a, b, target=None, at_most=True):
    r = a / b
    verdict = ""
    if target is not None:
        met = r <= target if at_most else r >= target
        verdict = "  target %s %.2f: %s" % ("≤" if at_most else "≥", target, "met" if met else "NOT MET")
    print(f"  {name:<56} {r:8.2f}×{verdict}", flush=True)
    return r


print(f"bench: {args.runs} runs each, medians, measured in turn; {os.cpu_count()} cores; demarc {demarc}")
print("\n== the default model (--lang all --format svg, pages and reports included) ==")
files = dot_files([], os.path.join(tmp, "dot"))
print(f"  ({len(files)} DOT files written by build --format dot)")
full_out, warm_out = os.path.join(tmp, "full"), os.path.join(tmp, "warm")
build = [demarc, "build", "--lang", "all", "--format", "svg", "--jobs", "2"]
full = Measure(build + ["--out", full_out, "--no-cache"], setup=fresh(full_out))
batched = dot_batched(files)
interleaved([full, batched])
cold = Measure(build + ["--out", full_out], setup=fresh(full_out, env["DEMARC_CACHE_DIR"]))
warm = Measure(build + ["--out", warm_out], setup=fresh(warm_out))
interleaved([cold, warm])
run(build + ["--out", full_out])
noop = Measure(build + ["--out", full_out])
full_again = Measure(build + ["--out", os.path.join(tmp, "full2"), "--no-cache"], setup=fresh(os.path.join(tmp, "full2")))
interleaved([noop, full_again])
per_file = Measure(["sh", "-c", 'for f in "$@"; do dot -Tsvg -O "$f"; done', "sh", *files])
full_per = Measure(full.command, setup=full.setup)
interleaved([per_file, full_per], runs=max(3, args.runs // 2))
check = Measure([demarc, "check"])
interleaved([check])
row("build, empty folder, --jobs 2, no cache", full)
row("build, empty folder and empty cache, --jobs 2", cold)
row("build, nothing changed (no-op)", noop)
row("build, empty folder, every diagram in the cache", warm)
row(f"one dot -Tsvg -O process over the {len(files)} DOT files", batched)
row("dot started once per file", per_file)
row("demarc check", check)
print()
ratio("(a) full build / one batched dot", full.median, batched.median, 0.8)
# What two cores allow: the full build's CPU (its own work and its workers') spread
# over both, with nothing waiting; Demarc's own share is the build with every
# diagram in the cache (it reads and checks the cached files too: an upper bound).
floor = full.cpu_median / min(2, os.cpu_count() or 1)
print(f"  {'    CPU: full build':<56} {full.cpu_median * 1000:8.0f} ms (Demarc's own ≤ {warm.cpu_median * 1000:.0f} ms, "
      f"rendering ≥ {max(0.0, full.cpu_median - warm.cpu_median) * 1000:.0f} ms); one batched dot {batched.cpu_median * 1000:.0f} ms")
print(f"  {'    the least two cores allow: CPU / 2, against batched dot':<56} {floor / batched.median:8.2f}×")
ratio("(b) full build / dot once per file", full_per.median, per_file.median, 0.15)
ratio("(c) no-op / full build", noop.median, full_again.median, 0.1)

print("\n== the door against the same libgvc calls from C (warm, many iterations) ==")
biggest = max(files, key=os.path.getsize)
iterations = "100"
swift_ns, plain_ns, c_ns = [], [], []
plain_env = dict(env, DEMARC_TEXT_CACHE="off")
for _ in range(args.runs):
    swift_ns.append(int(run([door_swift, biggest, "svg", iterations]).stdout))
    plain_ns.append(int(run([door_swift, biggest, "svg", iterations], env=plain_env).stdout))
    c_ns.append(int(run([door_c, biggest, "svg", iterations]).stdout))
s, p, c = statistics.median(swift_ns), statistics.median(plain_ns), statistics.median(c_ns)
print(f"  {os.path.relpath(biggest, tmp)} ({os.path.getsize(biggest)} bytes of DOT), {iterations} iterations, svg")
print(f"  {'the door, text measured by pango every time':<56} {p / 1e6:8.2f} ms per render")
print(f"  {'the door, text measured once (the default)':<56} {s / 1e6:8.2f} ms per render")
print(f"  {'libgvc from C':<56} {c / 1e6:8.2f} ms per render")
ratio("(d) the door / C, the same calls (DEMARC_TEXT_CACHE=off)", p, c, 1.1)
ratio("    the door as built / C", s, c)

if args.scale:
    print("\n== scaling (synthetic models: 6 layers; --lang all --format svg; no cache) ==")
    print(f"  {'offerings × entries':<20} {'jobs':>4} {'time':>9} {'CPU':>9} {'peak RSS':>9}   {'batched dot':>11}")
    results, cpu_split = {}, {}
    for offerings, requirements, items in [(5, 10, 8), (50, 10, 8), (5, 100, 8), (50, 50, 8), (50, 100, 8)]:
        entries = requirements * (items + 2)
        model = os.path.join(tmp, f"synthetic-{offerings}-{entries}")
        run([synthetic, model, "6", str(offerings), str(requirements), str(items)])
        files = dot_files([model], os.path.join(tmp, f"dot-{offerings}-{entries}"))
        out = os.path.join(tmp, f"scale-{offerings}-{entries}")
        scale_build = [demarc, "build", model, "--out", out, "--lang", "all", "--format", "svg", "--no-cache", "--jobs"]
        one = Measure(scale_build + ["1"], setup=fresh(out))
        two = Measure(scale_build + ["2"], setup=fresh(out))
        batched = dot_batched(files)
        interleaved([two, one, batched], runs=1)
        results[(offerings, entries)] = (one, two, batched)
        for jobs, m in [("1", one), ("2", two)]:
            print(f"  {f'{offerings} × {entries:,}':<20} {jobs:>4} {m.median:8.1f}s {m.cpu_median:8.1f}s {m.peak:7.0f} MB   {batched.median:10.1f}s", flush=True)
        print(f"  {'':<20} --jobs 2 is {one.median / two.median:.2f}× faster than --jobs 1; build / batched dot: {two.median / batched.median:.2f}×")
        if offerings == 50:
            # Demarc's own work: the same build with every diagram in the cache, in one process.
            cached_out = out + "-cached"
            # (a cap that holds every diagram: 50 × 1,000 renders 1.1 GB)
            cached = [demarc, "build", model, "--out", cached_out, "--lang", "all", "--format", "svg", "--cache-size", "8192"]
            run(cached)
            own = Measure(cached + ["--jobs", "0"], setup=fresh(cached_out))
            interleaved([own], runs=1)
            own_cpu, render_cpu = own.cpu_median, max(0.0, two.cpu_median - own.cpu_median)
            share = render_cpu / max(two.cpu_median, 1e-9)
            cpu_split[(offerings, entries)] = share
            print(f"  {'':<20} CPU: Demarc's own ≤ {own_cpu:.1f} s (every diagram from the cache, --jobs 0), rendering ≥ {render_cpu:.1f} s "
                  f"({share:.0%}); --jobs 2 takes {two.median / (two.cpu_median / 2):.2f}× the least two cores allow (its CPU / 2)")
    print()
    one, two, batched = results[(50, 100)]
    ratio("50 × 100: full build (--jobs 2) / one batched dot", two.median, batched.median, 0.5)
    one, two, batched = results[(50, 1000)]
    print(f"  {'50 × 1,000: peak RSS':<56} {two.peak:8.0f} MB  target ≤ 400 MB: {'met' if two.peak <= 400 else 'NOT MET'}")
    ratio("50 × 1,000: --jobs 1 / --jobs 2 (the speed-up)", one.median, two.median, 1.6, at_most=False)
    # Two cores busy either way: with rendering a share r of all CPU, --jobs 1 at
    # best takes max(r, 1/2) of it and --jobs 2 half, so --jobs 2 gains at most
    # max(1, 2r): 1.6 needs rendering to be 80% of the work.
    print(f"  {'    rendering share of the CPU (1.6× needs ≥ 80%)':<56} {cpu_split[(50, 1000)]:8.0%}")
    ratio("50 × 500 → 50 × 1,000: time for twice the entries", two.median, results[(50, 500)][1].median, 2.1)

if args.profile:
    # callgrind counts instructions (repeatable on a noisy machine). valgrind
    # 3.19 cannot read this toolchain's DWARF (it stops with SIGSEGV in its
    # debuginfo reader): a copy without debug information keeps the symbols.
    print("\n== profile (callgrind, instructions): build --jobs 0 of the default model (--lang all --format svg, no cache) ==")
    binary = os.path.join(tmp, "demarc-nodebug")
    shutil.copy(demarc, binary)
    run(["strip", "--strip-debug", binary])
    out = os.path.join(tmp, "profile")
    data = os.path.join(tmp, "callgrind.out")
    p = run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={data}", binary, "build", "--out", out, "--lang", "all", "--format", "svg",
             "--jobs", "0", "--no-cache"])
    total = [l for l in p.stderr.decode().splitlines() if "refs:" in l]
    print("  " + (total[0].split("==")[-1].strip() if total else "?"))
    def annotate(inclusive):
        text = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", data],
                              capture_output=True, text=True, check=True).stdout
        text = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input=text, capture_output=True, text=True).stdout or text
        entries = []
        for l in text.splitlines():
            if "%)" not in l or "PROGRAM TOTALS" in l:
                continue
            count = int(l.split()[0].replace(",", ""))
            rest = l[l.index(")") + 1:].strip()
            name, _, library = rest.rpartition(" [")
            entries.append((count, name.split(":", 1)[-1].strip(), os.path.basename(library.rstrip("]"))))
        return entries

    instructions = sum(c for c, _, _ in annotate(False))
    libraries = {}
    for count, _, library in annotate(False):
        libraries[library] = libraries.get(library, 0) + count
    print("  by library (self):")
    for library, count in sorted(libraries.items(), key=lambda kv: -kv[1])[:10]:
        print(f"    {100 * count / instructions:6.1f}%  {library}")
    skip = ("dispatch", "start_thread", "swift_job", "runJob", "jobInvoke", "thunk", "partial apply", "witness", "Thread", "task_", "TaskGroup",
            "continuation", "below main", "demarc_main", "async_Main", "future_adapter", "libc_start", "_start", "outlined", "closure #",
            "DemarcCommand.run", "BuildCommand.run", "Task<", "withChecked", "InProcessRenderer", "Builder.build")
    print("  by function, with what it calls (inclusive; Demarc's, libgvc's entry points and the template engine's):")
    seen, counts = set(), set()
    for count, name, library in annotate(True):
        base = name.replace("specialized ", "").split("'")[0]
        # A wrapper and what it wraps count the same: the first of them shown.
        if any(k in name for k in skip) or base in seen or count in counts or not (library == "demarc-nodebug" or name.startswith("gv")):
            continue
        seen.add(base)
        counts.add(count)
        print(f"    {100 * count / instructions:6.1f}%  {base[:110]}")
        if len(seen) == 22:
            break

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
