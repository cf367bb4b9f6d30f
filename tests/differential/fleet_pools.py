#!/usr/bin/env python3
"""Differential check of pool baselines against libvirt's own baseline call (the cpuoracle binary).

Run by hand, never in CI (it needs a cpuoracle built from libvirt's source, see README.md):

    tests/differential/fleet_pools.py --oracle PATH/cpuoracle --cpus DIR [--fleets 20] [--seed 1]

Builds seeded labelled fleets from the host <cpu> files of DIR (*-host.xml, both vendors), each host labelled with
a random cluster and rack, runs `cpucompat pool baseline --fleet F --by LABEL --json` with the oracle's own cpu_map,
and for every pool asks the oracle for libvirt's baseline of exactly that pool's members. Every pool must give the
same <cpu> text, or the same refusal (libvirt fails on mixed vendors; the pool then has an error and no cpu).

With --cross-vendor, pools of several vendors get CpuCompat's vendor-free CPU instead; for those the oracle must
accept that <cpu> (cpu-compare IDENTICAL or SUPERSET) on every member, the <cpu> must name no vendor, and the
features libvirt expands it to (`baseline --features` of the <cpu> alone, less the features it disables) must hold
every feature of the pool's reported ABI level and not all of the next level's (the x86-64 psABI levels, written out below in libvirt's names).
Pools of one vendor must still give libvirt's own baseline.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile

from fleet_common import fleet_arguments, oracle_cpu_map, x86_host_cpus

LEVELS = [
    ("x86-64-v1", "cmov cx8 fpu fxsr mmx syscall sse sse2 lm"),
    ("x86-64-v2", "cx16 lahf_lm popcnt pni sse4.1 sse4.2 ssse3"),
    ("x86-64-v3", "avx avx2 bmi1 bmi2 f16c fma abm movbe xsave"),
    ("x86-64-v4", "avx512f avx512bw avx512cd avx512dq avx512vl"),
]

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> int:
    parser = fleet_arguments(__doc__.split("\n")[0])
    parser.add_argument("--cross-vendor", action="store_true", help="also check vendor-free CPUs of mixed pools")
    parser.add_argument("--cpucompat", default=os.path.join(REPO, "artifacts", "native", "cpucompat"))
    args = parser.parse_args()

    cpu_map = oracle_cpu_map(args.oracle)
    cpus = x86_host_cpus(args.cpus)
    if not cpus:
        print(f"no x86 host <cpu> files in {args.cpus}", file=sys.stderr)
        return 2

    rng = random.Random(args.seed)
    pools = mismatches = refused = mixed = accepted = 0
    with tempfile.TemporaryDirectory() as work:
        for n in range(args.fleets):
            by = rng.choice(["cluster", "rack"])
            hosts = []
            for i in range(rng.randint(5, 60)):
                cpu = rng.choice(cpus)
                hosts.append({"host": f"f{n}-h{i:03d}", "cpu": cpu,
                              "labels": {"cluster": f"c{rng.randint(0, 3)}", "rack": f"r{rng.randint(0, 9)}"}})
            fleet = os.path.join(work, f"fleet-{n}.jsonl")
            with open(fleet, "w", encoding="utf-8") as f:
                for h in hosts:
                    f.write(json.dumps(h) + "\n")
            command = [args.cpucompat, "pool", "baseline", "--fleet", fleet, "--by", by, "--json", "--cpu-map", cpu_map]
            run = subprocess.run(command + (["--cross-vendor"] if args.cross_vendor else []), capture_output=True, text=True)
            if run.returncode not in (0, 1):
                print(f"fleet {n}: cpucompat failed: {run.stderr.strip()}", file=sys.stderr)
                return 1
            by_name = {h["host"]: h["cpu"] for h in hosts}
            for pool in json.loads(run.stdout)["pools"]:
                pools += 1
                members = os.path.join(work, f"pool-{n}-{pool['name']}.xml")
                with open(members, "w", encoding="utf-8") as f:
                    f.write("".join(by_name[m] for m in pool["members"]))
                if pool["cross_vendor"] is not None:
                    mixed += 1
                    problems = check_cross_vendor(args.oracle, work, pool, by_name)
                    accepted += len(pool["members"]) if not problems else 0
                    for problem in problems:
                        mismatches += 1
                        print(f"fleet {n} pool {pool['name']}: {problem}", file=sys.stderr)
                    continue
                oracle = subprocess.run([args.oracle, "baseline", members], capture_output=True, text=True)
                ours = pool["cpu"] if pool["cpu"] is not None else None
                theirs = oracle.stdout if oracle.returncode == 0 else None
                refused += ours is None and theirs is None
                if (ours or "").rstrip("\n") != (theirs or "").rstrip("\n"):
                    mismatches += 1
                    print(f"fleet {n} pool {pool['name']} ({len(pool['members'])} hosts): cpucompat "
                          f"{'error ' + str(pool['error']) if ours is None else 'cpu'}, libvirt "
                          f"{'error ' + oracle.stderr.strip() if theirs is None else 'cpu'}", file=sys.stderr)
    print(f"{pools} pools of {args.fleets} fleets compared with libvirt's baseline ({refused} refused by both, "
          f"mixed vendors; {mixed} mixed pools given a vendor-free CPU, accepted by libvirt on {accepted} members): "
          f"{mismatches} differ")
    return 1 if mismatches else 0


def check_cross_vendor(oracle: str, work: str, pool: dict, by_name: dict) -> list[str]:
    """What is wrong with a mixed pool's vendor-free CPU, by libvirt's own compare and feature expansion."""
    problems = []
    cpu = pool["cpu"]
    if cpu is None:
        return [f"no cross-vendor cpu: {pool['error']}"]
    if "<vendor>" in cpu:
        problems.append("the cross-vendor cpu names a vendor")
    guest = os.path.join(work, "guest.xml")
    with open(guest, "w", encoding="utf-8") as f:
        f.write(cpu)
    for member in pool["members"]:
        host = os.path.join(work, "host.xml")
        with open(host, "w", encoding="utf-8") as f:
            f.write(by_name[member])
        verdict = subprocess.run([oracle, "compare", host, guest], capture_output=True, text=True).stdout.split("\n")[0]
        if verdict not in ("IDENTICAL", "SUPERSET"):
            problems.append(f"libvirt's cpu-compare on {member}: {verdict}")
    expanded = subprocess.run([oracle, "baseline", guest, "--features", "--auto"], capture_output=True, text=True).stdout
    # libvirt's baseline of one guest CPU expands its model and required features; the features it disables are then
    # not the guest's, whatever the model says.
    disabled = {line.split("name='")[1].split("'")[0] for line in cpu.splitlines() if "policy='disable'" in line}
    have = {line.split("name='")[1].split("'")[0] for line in expanded.splitlines() if "name='" in line} - disabled
    reached = None
    for name, features in LEVELS:
        if not set(features.split()) <= have:
            break
        reached = name
    if reached != pool["abi_level"]:
        problems.append(f"the cpu offers ABI level {reached}, the pool reports {pool['abi_level']}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
