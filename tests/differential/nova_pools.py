#!/usr/bin/python3
"""Differential check of `pool baseline --for nova`: Nova's guest CPU of every pool runs on every member, as libvirt says.

Run by hand, never in CI (it needs a cpuoracle built from libvirt's source, see README.md, and Debian's python3-nova,
which this script imports; run it with /usr/bin/python3):

    tests/differential/nova_pools.py --oracle PATH/cpuoracle --cpus DIR [--fleets 20] [--seed 1]

Builds seeded labelled fleets from the real host <cpu> files of DIR (*-host.xml, both vendors), half of them as JSON
Lines and half as OpenStack hypervisor records (cpu_info from the same host CPUs, as an object or as JSON text), runs
`cpucompat pool baseline --fleet F --by cluster --for nova --output-dir D --json` with the oracle's own cpu_map, then
for every pool Nova does what it does on a compute host: its own option definitions read D/<pool>.nova.conf, and its
libvirt driver builds the instance's guest CPU from [libvirt] cpu_mode, cpu_models and cpu_model_extra_flags. That
guest <cpu> must have the pool baseline's model and features with their policies, and libvirt's cpu-compare (the
oracle) must call every member IDENTICAL or SUPERSET to it. Pools refused for mixed vendors have no snippet.
"""

from __future__ import annotations

import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import nova.conf  # noqa: E402  (Debian's python3-nova)
from nova.virt.libvirt import driver  # noqa: E402

from fleet_common import fleet_arguments, oracle_cpu_map, x86_host_cpus  # noqa: E402


class _Host:
    def __init__(self, names):
        self._names = names

    def get_cpu_model_names(self):
        return self._names


class _Driver:
    """Just what LibvirtDriver._get_guest_cpu_model_config uses: the host's libvirt model names and the CPU's arch."""

    def __init__(self, names, arch):
        self.cpu_models_mapping = {}
        self._host = _Host(names)
        self._arch = arch

    def _get_cpu_info(self):
        return {"arch": self._arch}

    _get_cpu_model_mapping = driver.LibvirtDriver._get_cpu_model_mapping
    _prepare_cpu_flag = driver.LibvirtDriver._prepare_cpu_flag


def nova_guest(conf_file, arch, names):
    conf = nova.conf.CONF
    conf(["--config-file", conf_file], project="nova", default_config_files=[])
    return driver.LibvirtDriver._get_guest_cpu_model_config(_Driver(names, arch), None, arch).to_xml()


def features(cpu_xml):
    root = ET.fromstring(cpu_xml)
    return root.findtext("model"), {f.get("name"): f.get("policy") or "require" for f in root.findall("feature")}


def cpu_info(host_xml, as_text):
    root = ET.fromstring(host_xml)
    info = {"arch": root.findtext("arch"), "model": root.findtext("model"), "vendor": root.findtext("vendor"),
            "topology": {"cells": 1, "sockets": 1, "cores": 4, "threads": 2},
            "features": [f.get("name") for f in root.findall("feature")]}
    return json.dumps(info) if as_text else info


def main() -> int:
    parser = fleet_arguments(__doc__.split("\n")[0])
    parser.add_argument("--cpucompat", default=None, help="command to run CpuCompat (default: the Release build)")
    args = parser.parse_args()
    cli = (args.cpucompat.split() if args.cpucompat
           else ["dotnet", os.path.join(REPO, "src/CpuCompat.Cli/bin/Release/net10.0/cpucompat.dll")])

    cpu_map = oracle_cpu_map(args.oracle)
    names = sorted({m.get("name") for f in glob.glob(os.path.join(cpu_map, "x86_*.xml"))
                    for m in ET.parse(f).getroot().iter("model") if m.get("name")})
    cpus = x86_host_cpus(args.cpus)
    if not cpus:
        print(f"no x86 host <cpu> files in {args.cpus}", file=sys.stderr)
        return 2

    by_vendor = {}
    for cpu in cpus:
        by_vendor.setdefault(ET.fromstring(cpu).findtext("vendor"), []).append(cpu)
    rng = random.Random(args.seed)
    counts = {"fleets": 0, "openstack": 0, "pools": 0, "refused": 0, "members": 0}
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for n in range(args.fleets):
            # Each cluster of one vendor mostly (a pool of mixed vendors has no baseline), now and then any CPU.
            vendors = [rng.choice(sorted(by_vendor)) for _ in range(4)]
            hosts = []
            for i in range(rng.randint(4, 40)):
                cluster = rng.randint(0, 3)
                cpu = rng.choice(cpus) if rng.random() < 0.05 else rng.choice(by_vendor[vendors[cluster]])
                hosts.append({"host": f"f{n}-h{i:03d}", "cpu": cpu, "labels": {"cluster": f"c{cluster}"}})
            openstack = n % 2 == 1
            fleet = os.path.join(work, f"fleet-{n}.json" if openstack else f"fleet-{n}.jsonl")
            with open(fleet, "w", encoding="utf-8") as f:
                if openstack:
                    json.dump({"hypervisors": [{"hypervisor_hostname": h["host"], "hypervisor_type": "QEMU",
                                                "aggregates": [h["labels"]["cluster"]],
                                                "cpu_info": cpu_info(h["cpu"], as_text=i % 3 == 0)}
                                               for i, h in enumerate(hosts)]}, f, indent=2)
                else:
                    f.writelines(json.dumps(h) + "\n" for h in hosts)
            out = os.path.join(work, f"nova-{n}")
            run = subprocess.run(cli + ["pool", "baseline", "--fleet", fleet, "--by", "aggregate" if openstack else "cluster",
                                        "--for", "nova", "--output-dir", out, "--json", "--cpu-map", cpu_map],
                                 capture_output=True, text=True)
            if run.returncode not in (0, 1):
                print(f"fleet {n}: cpucompat failed: {run.stderr.strip()}", file=sys.stderr)
                return 1
            counts["fleets"] += 1
            counts["openstack"] += openstack
            by_name = {h["host"]: h["cpu"] for h in hosts}
            for pool in json.loads(run.stdout)["pools"]:
                counts["pools"] += 1
                if pool["cpu"] is None:
                    counts["refused"] += 1
                    if pool["nova"]["text"] is not None:
                        print(f"fleet {n} pool {pool['name']}: a snippet without a baseline", file=sys.stderr)
                        failures += 1
                    continue
                guest = nova_guest(os.path.join(out, pool["name"] + ".nova.conf"), "x86_64", names)
                if features(guest) != features(pool["cpu"]):
                    print(f"fleet {n} pool {pool['name']}: Nova's guest CPU differs from the baseline:\n{guest}\n{pool['cpu']}",
                          file=sys.stderr)
                    failures += 1
                guest_file = os.path.join(work, f"guest-{n}-{pool['name']}.xml")
                open(guest_file, "w", encoding="utf-8").write(guest)
                for member in pool["members"]:
                    host_file = os.path.join(work, f"host-{member}.xml")
                    open(host_file, "w", encoding="utf-8").write(by_name[member])
                    verdict = subprocess.run([args.oracle, "compare", host_file, guest_file], capture_output=True, text=True)
                    counts["members"] += 1
                    if verdict.stdout.strip() not in ("IDENTICAL", "SUPERSET"):
                        print(f"fleet {n} pool {pool['name']}: libvirt says {verdict.stdout.strip() or verdict.stderr.strip()} "
                              f"for Nova's guest CPU on {member}", file=sys.stderr)
                        failures += 1

    print(f"{counts['fleets']} fleets ({counts['openstack']} as OpenStack records), {counts['pools']} pools "
          f"({counts['refused']} refused for mixed vendors), Nova's guest CPU compared on {counts['members']} members: "
          f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
