"""What the differential scripts share: the x86 host CPUs of libvirt's test data, and the oracle's own cpu_map."""

from __future__ import annotations

import argparse
import glob
import os


def fleet_arguments(description: str) -> argparse.ArgumentParser:
    """The options of the fleet scripts: the oracle, the host CPUs, how many seeded fleets."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--oracle", required=True)
    parser.add_argument("--cpus", required=True, help="directory of host <cpu> files (*-host.xml)")
    parser.add_argument("--fleets", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    return parser


def x86_host_cpus(directory: str) -> list[str]:
    """The distinct x86 host <cpu> texts of DIRECTORY's *-host.xml files, in name order, each ending with a newline."""
    cpus = []
    for path in sorted(glob.glob(os.path.join(directory, "*-host.xml"))):
        text = open(path, encoding="utf-8").read().strip() + "\n"
        if text.startswith("<cpu") and "<arch>x86_64</arch>" in text and text not in cpus:
            cpus.append(text)
    return cpus


def oracle_cpu_map(oracle: str) -> str:
    """The cpu_map of the libvirt source tree the oracle was built in (BUILD/tests/cpuoracle -> SRC/src/cpu_map)."""
    return os.path.realpath(os.path.join(os.path.dirname(oracle), "..", "..", "src", "cpu_map"))
