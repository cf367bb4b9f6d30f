#!/usr/bin/env python3
"""Differential check of pool baselines against libvirt's own baseline call (the cpuoracle binary).

Run by hand, never in CI (it needs a cpuoracle built from libvirt's source, see README.md):

    tests/differential/fleet_pools.py --oracle PATH/cpuoracle --cpus DIR [--fleets 20] [--seed 1]

Builds seeded labelled fleets from the host <cpu> files of DIR (*-host.xml, both vendors), each host labelled with
a random cluster and rack, runs `cpucompat pool baseline --fleet F --by LABEL --json` with the oracle's own cpu_map,
and for every pool asks the oracle for libvirt's baseline of exactly that pool's members. Every pool must give the
same <cpu> text, or the same refusal (libvirt fails on mixed vendors; the pool then has an error and no cpu).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile

from fleet_common import fleet_arguments, oracle_cpu_map, x86_host_cpus

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> int:
    parser = fleet_arguments(__doc__.split("\n")[0])
    parser.add_argument("--cpucompat", default=os.path.join(REPO, "artifacts", "native", "cpucompat"))
    args = parser.parse_args()

    cpu_map = oracle_cpu_map(args.oracle)
    cpus = x86_host_cpus(args.cpus)
    if not cpus:
        print(f"no x86 host <cpu> files in {args.cpus}", file=sys.stderr)
        return 2

    rng = random.Random(args.seed)
    pools = mismatches = refused = 0
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
            run = subprocess.run([args.cpucompat, "pool", "baseline", "--fleet", fleet, "--by", by, "--json",
                                  "--cpu-map", cpu_map], capture_output=True, text=True)
            if run.returncode not in (0, 1):
                print(f"fleet {n}: cpucompat failed: {run.stderr.strip()}", file=sys.stderr)
                return 1
            by_name = {h["host"]: h["cpu"] for h in hosts}
            for pool in json.loads(run.stdout)["pools"]:
                pools += 1
                members = os.path.join(work, f"pool-{n}-{pool['name']}.xml")
                with open(members, "w", encoding="utf-8") as f:
                    f.write("".join(by_name[m] for m in pool["members"]))
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
          f"mixed vendors): {mismatches} differ")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
