#!/usr/bin/python3
"""CpuCompat side by side with libvirt, in one run: the same inputs to both, the answers checked equal, each pair
timed by interleaved runs and printed with its ratio (libvirt's median time over CpuCompat's).

    perf/peer/peer.py [--cpus DIR] [--work DIR] [--native BINARY] [--runs N] [--inproc-runs N] [--json FILE]

Pairs (libvirt 9.0.0 from Debian against CpuCompat on libvirt's own /usr/share/libvirt/cpu_map unless said):
  cpu-baseline of 2 hosts, whole process: `virsh -c test:///default cpu-baseline` against the NativeAOT binary
      with --cpu-map, and with its built-in database (libvirt 11.3.0's facts: same features, maybe in another order)
  baseline of the XML texts of 10,000 hosts, in-process: python3-libvirt's `conn.baselineCPU(texts)` timed in this
      process, against `PeerBaseline.Run` timed inside a long-lived .NET process (the Benchmarks project's `peer`
      mode), turn about; of 48 kinds, and of 10,000 hosts that all differ
  cpu-compare of a guest with this machine, whole process: `virsh -c qemu:///embed?root=...` (libvirt's QEMU driver
      in-process, no daemon) against the NativeAOT binary; for the machine's own host CPU and for a guest of
      data/examples/guest.xml

The inputs come from real host CPUs (--cpus, default libvirt 9.0.0's cputestdata in the shared reference folder,
found through CPUCOMPAT_SHARED or `shared` beside the repository) by perf/fleets/make-fleets.py --kinds 48.
Missing Debian packages (python3-libvirt, libvirt-clients, libvirt-daemon-system for the QEMU driver's user) are
installed with apt-get. Whole-process times are wall times of the child process started from here, so both sides
pay the same start-up cost. Exit 1 when any answer differs, 2 on bad arguments or a missing input.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MAP = "/usr/share/libvirt/cpu_map"


def fail(message, code=2):
    print(f"peer.py: {message}", file=sys.stderr)
    sys.exit(code)


def ensure_packages():
    missing = []
    try:
        import libvirt  # noqa: F401
    except ImportError:
        missing.append("python3-libvirt")
    if not shutil.which("virsh"):
        missing += ["libvirt-clients", "libvirt-daemon"]
    if subprocess.run(["getent", "passwd", "libvirt-qemu"], capture_output=True).returncode != 0:
        missing.append("libvirt-daemon-system")  # the QEMU driver refuses to start without its user
    if missing:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        print(f"installing {' '.join(missing)}", file=sys.stderr)
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, check=True, env=env, stdout=subprocess.DEVNULL)


def default_cpus():
    shared = os.environ.get("CPUCOMPAT_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")
    return os.path.join(shared, "libvirt", "9.0.0", "cputestdata")


def make_inputs(cpus, work):
    if not os.path.exists(os.path.join(work, "hosts-10k-distinct.json")):
        if not os.path.isdir(cpus):
            fail(f"{cpus}: no such directory of host CPUs (give --cpus, or set CPUCOMPAT_SHARED)")
        subprocess.run([sys.executable, os.path.join(ROOT, "perf", "fleets", "make-fleets.py"), cpus, work, "--kinds", "48"],
                       check=True, stdout=sys.stderr)
    kinds = list(dict.fromkeys(json.load(open(os.path.join(work, "hosts-10k.json"), encoding="utf-8"))))
    two = os.path.join(work, "hosts-2.xml")
    with open(two, "w", encoding="utf-8") as out:
        out.write("".join(kinds[:2]))
    return two


def native_binary(path):
    if path:
        if not os.access(path, os.X_OK):
            fail(f"{path}: not an executable")
        return path
    path = os.path.join(ROOT, "artifacts", "native", "cpucompat")
    if not os.access(path, os.X_OK):
        print("publishing the NativeAOT binary (several minutes)", file=sys.stderr)
        subprocess.run(["dotnet", "publish", "src/CpuCompat.Cli", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
                        "-o", os.path.dirname(path)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return path


class Checks:
    def __init__(self):
        self.failed = 0

    def same(self, name, expected, actual, any_order=False):
        def lines(text):
            kept = [line for line in text.splitlines() if line.strip()]
            return sorted(kept) if any_order else kept
        if expected == actual:
            print(f"same answer, byte for byte: {name}", file=sys.stderr)
        elif lines(expected) == lines(actual):
            print(f"same answer{' (lines in any order)' if any_order else ''}, blank lines aside: {name}", file=sys.stderr)
        else:
            self.failed += 1
            print(f"DIFFERENT ANSWERS: {name}\n--- libvirt\n{expected}\n--- cpucompat\n{actual}", file=sys.stderr)


def run(command):
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started, done


def interleave(commands, runs, warmup=2):
    """Median wall time of each command over runs taken turn about (the order flipping every round)."""
    for _ in range(warmup):
        for command in commands:
            run(command)
    times = [[] for _ in commands]
    for i in range(runs):
        order = list(range(len(commands)))
        if i % 2:
            order.reverse()
        for k in order:
            times[k].append(run(commands[k])[0])
    return [statistics.median(t) for t in times]


class Harness:
    """The .NET side of the in-process pairs: one timed PeerBaseline.Run per request."""

    def __init__(self):
        project = os.path.join(ROOT, "perf", "CpuCompat.Benchmarks")
        subprocess.run(["dotnet", "build", project, "-c", "Release"], check=True, stdout=subprocess.DEVNULL)
        self.process = subprocess.Popen(["dotnet", "run", "--no-build", "-c", "Release", "--project", project, "--", "peer", "--cpu-map", MAP],
                                        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def baseline(self, path):
        self.process.stdin.write(f"baseline {path}\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        if not reply:
            fail(f"the in-process harness stopped (exit {self.process.wait()})", 1)
        answer = json.loads(reply)
        return answer["ms"] / 1000, answer["xml"], answer["allocated"]

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpus", default=default_cpus(), help="host CPU files (*-host.xml) to build the inputs from")
    parser.add_argument("--work", help="keep the inputs here (default: a temporary directory)")
    parser.add_argument("--native", help="CpuCompat's NativeAOT binary (default: artifacts/native/cpucompat, published when missing)")
    parser.add_argument("--runs", type=int, default=20, help="interleaved runs of each whole-process command")
    parser.add_argument("--inproc-runs", type=int, default=10, help="interleaved calls of each in-process baseline")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args()
    if args.runs < 1 or args.inproc_runs < 1:
        fail("--runs and --inproc-runs must be at least 1")

    ensure_packages()
    import libvirt
    libvirt.registerErrorHandler(lambda *_: None, None)  # errors are raised; keep libvirt from also printing them
    work = args.work or tempfile.mkdtemp(prefix="cpucompat-peer-")
    os.makedirs(work, exist_ok=True)
    two = make_inputs(args.cpus, work)
    cc = native_binary(args.native)
    checks = Checks()
    rows = []

    def row(name, libvirt_s, cc_s, target, met, note=""):
        rows.append({"pair": name, "libvirt_ms": libvirt_s * 1000, "cpucompat_ms": cc_s * 1000, "ratio": libvirt_s / cc_s,
                     "target": target, "met": met, "note": note})

    # 1. cpu-baseline of 2 hosts, whole process.
    virsh = ["virsh", "-c", "test:///default", "cpu-baseline", two]
    with_map = [cc, "cpu-baseline", two, "--cpu-map", MAP]
    built_in = [cc, "cpu-baseline", two]
    expected = run(virsh)[1].stdout
    checks.same("cpu-baseline of 2 hosts, --cpu-map", expected, run(with_map)[1].stdout)
    checks.same("cpu-baseline of 2 hosts, built-in database (libvirt 11.3.0's facts)", expected, run(built_in)[1].stdout, any_order=True)
    lv, m, b = interleave([virsh, with_map, built_in], args.runs)
    row("cpu-baseline, 2 hosts, --cpu-map (virsh)", lv, m, "at most 0.5x virsh", m <= 0.5 * lv, f"{m / lv:.2f}x virsh's time")
    row("cpu-baseline, 2 hosts, built-in database (virsh)", lv, b, "at most 0.25x virsh", b <= 0.25 * lv, f"{b / lv:.2f}x virsh's time")

    # 2. Baselines of 10,000 XML texts, in-process.
    conn = libvirt.open("test:///default")
    try:
        conn.baselineHypervisorCPU(None, None, None, None, [open(two, encoding="utf-8").read()], 0)
    except libvirt.libvirtError as e:
        print(f"baselineHypervisorCPU on test:///default: {e.get_error_message()}; timing baselineCPU", file=sys.stderr)
    harness = Harness()
    for name, file, target in (("48 kinds", "hosts-10k.json", 50), ("all differ", "hosts-10k-distinct.json", 5)):
        path = os.path.join(work, file)
        texts = json.load(open(path, encoding="utf-8"))
        lv_times, cc_times, allocated = [], [], 0
        for i in range(args.inproc_runs + 1):
            turns = ["lv", "cc"] if i % 2 == 0 else ["cc", "lv"]
            for turn in turns:
                if turn == "lv":
                    started = time.perf_counter()
                    lv_xml = conn.baselineCPU(texts, 0)
                    elapsed = time.perf_counter() - started
                    lv_times.append(elapsed)
                else:
                    elapsed, cc_xml, allocated = harness.baseline(path)
                    cc_times.append(elapsed)
            if i == 0:  # the first round warms both up and checks the answers
                checks.same(f"baseline of 10,000 hosts, {name}, in-process", lv_xml, cc_xml)
                lv_times.clear()
                cc_times.clear()
        lv, c = statistics.median(lv_times), statistics.median(cc_times)
        row(f"baseline of 10,000 XML texts, {name} (libvirt's baselineCPU)", lv, c, f"at least {target}x faster", lv >= target * c,
            f"{c * 1e6 / len(texts):.1f} µs a host, {allocated / 1e6:.1f} MB allocated")
    harness.close()
    conn.close()

    # 3. cpu-compare with this machine, whole process, libvirt's QEMU driver embedded in virsh.
    embed = os.path.join(work, "embed")
    lv_uri = f"qemu:///embed?root={embed}"
    caps = subprocess.run(["virsh", "-c", lv_uri, "capabilities"], capture_output=True, text=True, check=True).stdout
    host = caps[caps.index("<cpu>"):caps.index("</cpu>") + len("</cpu>")]
    host_file = os.path.join(work, "this-host.xml")
    with open(host_file, "w", encoding="utf-8") as out:
        out.write(host + "\n")
    for name, guest in (("this machine's own host CPU", host_file), ("data/examples/guest.xml", os.path.join(ROOT, "data", "examples", "guest.xml"))):
        virsh = ["virsh", "-c", lv_uri, "cpu-compare", guest]
        ours = [cc, "cpu-compare", guest, "--cpu-map", MAP]
        lv_done, cc_done = run(virsh)[1], run(ours)[1]
        # CpuCompat prints virsh's sentence, then (README) the reason or the features at fault: the sentence and
        # the exit code are what must match.
        sentence = [line for line in lv_done.stdout.splitlines() if line.strip()]
        said = [line for line in cc_done.stdout.splitlines() if line.strip()]
        checks.same(f"cpu-compare {name}: virsh's sentence and exit code ({lv_done.returncode}), CpuCompat's reason after it",
                    "\n".join(sentence + [f"exit {lv_done.returncode}"]), "\n".join(said[:len(sentence)] + [f"exit {cc_done.returncode}"]))
        lv, c = interleave([virsh, ours], args.runs)
        row(f"cpu-compare, {name} (virsh, QEMU driver)", lv, c, "", None, f"{c / lv:.2f}x virsh's time")

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"\n{time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, {cpu}, libvirt "
          f"{libvirt.getVersion() // 1000000}.{libvirt.getVersion() // 1000 % 1000}.{libvirt.getVersion() % 1000}, "
          f"load average {os.getloadavg()[0]:.1f}, medians of {args.runs} (whole process) and {args.inproc_runs} (in-process) interleaved runs")
    print("| pair (against) | libvirt | cpucompat | ratio | target | met | note |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        met = "" if r["met"] is None else ("yes" if r["met"] else "no")
        print(f"| {r['pair']} | {r['libvirt_ms']:.1f} ms | {r['cpucompat_ms']:.2f} ms | {r['ratio']:.1f}x | {r['target']} | {met} | {r['note']} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=2)
    if checks.failed:
        fail(f"{checks.failed} answers differ", 1)


if __name__ == "__main__":
    main()
