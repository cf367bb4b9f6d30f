#!/usr/bin/env python3
"""Builds the fleet inputs the speed measurements use, from real host CPUs.

    perf/fleets/make-fleets.py CPU_DIR OUT_DIR [--vendor Intel] [--kinds 35]

CPU_DIR holds host CPU definitions, one <cpu> element a file (`virsh capabilities`' host CPU, or what
`cpucompat host-model --cpuid DUMP... --output-dir` writes); files ending in -host.xml are taken, in name order,
identical ones once, up to --kinds of one vendor (one migration pool must be of one vendor). When there are fewer,
the rest are variants of the first ones as firmware makes them: the same CPU with its last listed feature hidden
(invtsc or a TSX bit switched off in the BIOS, a microcode update). OUT_DIR gets:

  fleet-100k.jsonl          100,000 hosts in JSON Lines, labelled cluster/rack (~90 MB)
  fleet-100k/part-NN.xml    the same 100,000 CPUs as plain <cpu> lists of 10,000, for libvirt (virsh and its
                            baseline read at most 10 MB a file)
  hosts-10k.xml             10,000 hosts of the same kinds as one <cpu> list
  hosts-10k-distinct.xml    10,000 hosts that all differ: each leaves out its own set of a kind's features
  hosts-10k.json, hosts-10k-distinct.json
                            the same two lists as JSON arrays of XML texts, one a host, for in-process calls
                            (libvirt's baseline call takes such an array)
  hosts-110k.xml            110,000 hosts as one <cpu> list (~85 MB)
  fleet-100k-distinct.jsonl with --distinct-kinds N: 100,000 hosts in JSON Lines drawn from N CPUs that all differ
                            (the first N of hosts-10k-distinct.xml), for `pool suggest` on thousands of kinds

Host kinds are drawn with a fixed seed, so every run writes the same files.
"""
import argparse
import hashlib
import json
import os
import random
import re
import sys


def kinds_from(directory, vendor, count):
    seen, kinds = set(), []
    for root, _, files in os.walk(directory):
        for name in sorted(files):
            if not name.endswith("-host.xml"):
                continue
            text = open(os.path.join(root, name), encoding="utf-8").read().strip() + "\n"
            found = re.search(r"<vendor>([^<]*)</vendor>", text)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if not text.startswith("<cpu") or (found and found.group(1)) != vendor or digest in seen:
                continue
            seen.add(digest)
            kinds.append((name, text))
    kinds.sort()
    return [text for _, text in kinds[:count]]


def write(path, chunks):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        for chunk in chunks:
            out.write(chunk)
    os.replace(path + ".tmp", path)


def distinct(kinds, n):
    """n CPUs that all differ: host i takes kind i % len(kinds) and drops the features picked by the bits of i // len(kinds)."""
    for i in range(n):
        lines = kinds[i % len(kinds)].splitlines(keepends=True)
        features = [j for j, line in enumerate(lines) if "<feature " in line]
        drop, bits = set(), i // len(kinds)
        for position in features:
            if not bits:
                break
            if bits & 1:
                drop.add(position)
            bits >>= 1
        if bits:
            sys.exit(f"a kind has too few features to make {n} distinct hosts")
        yield "".join(line for j, line in enumerate(lines) if j not in drop)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cpu_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--vendor", default="Intel")
    parser.add_argument("--kinds", type=int, default=35)
    parser.add_argument("--distinct-kinds", type=int, default=0, help="also write fleet-100k-distinct.jsonl of this many distinct CPUs (at most 10,000)")
    args = parser.parse_args()

    kinds = kinds_from(args.cpu_dir, args.vendor, args.kinds)
    if not kinds:
        sys.exit(f"{args.cpu_dir}: no {args.vendor} host CPUs (*-host.xml)")
    real = len(kinds)
    for base in list(kinds):
        if len(kinds) >= args.kinds:
            break
        lines = base.splitlines(keepends=True)
        last = max((j for j, line in enumerate(lines) if "<feature " in line), default=None)
        if last is not None:
            variant = "".join(lines[:last] + lines[last + 1:])
            if variant not in kinds:
                kinds.append(variant)
    if len(kinds) < args.kinds:
        sys.exit(f"{args.cpu_dir}: only {len(kinds)} distinct {args.vendor} host CPUs, {args.kinds} wanted")

    rng = random.Random(20261201)
    # Real fleets are uneven: a few generations make up most hosts.
    weights = [rng.randint(1, 20) for _ in kinds]
    fleet = rng.choices(range(len(kinds)), weights, k=100_000)
    clusters = ["east", "west", "north", "south"]

    def lines():
        for i, kind in enumerate(fleet):
            labels = {"cluster": clusters[kind % len(clusters)], "rack": f"r{i // 40:04d}"}
            yield json.dumps({"host": f"h{i:06d}", "cpu": kinds[kind], "labels": labels}) + "\n"

    write(os.path.join(args.out_dir, "fleet-100k.jsonl"), lines())
    for part in range(10):
        write(os.path.join(args.out_dir, "fleet-100k", f"part-{part:02d}.xml"),
              (kinds[k] for k in fleet[part * 10_000:(part + 1) * 10_000]))
    hosts = [kinds[k] for k in fleet[:10_000]]
    differ = list(distinct(kinds, 10_000))
    write(os.path.join(args.out_dir, "hosts-10k.xml"), hosts)
    write(os.path.join(args.out_dir, "hosts-10k-distinct.xml"), differ)
    write(os.path.join(args.out_dir, "hosts-10k.json"), [json.dumps(hosts)])
    write(os.path.join(args.out_dir, "hosts-10k-distinct.json"), [json.dumps(differ)])
    write(os.path.join(args.out_dir, "hosts-110k.xml"), (kinds[k] for k in rng.choices(range(len(kinds)), weights, k=110_000)))
    if args.distinct_kinds:
        many = list(distinct(kinds, min(args.distinct_kinds, 10_000)))
        drawn = rng.choices(range(len(many)), k=100_000)
        write(os.path.join(args.out_dir, "fleet-100k-distinct.jsonl"),
              (json.dumps({"host": f"h{i:06d}", "cpu": many[k], "labels": {}}) + "\n" for i, k in enumerate(drawn)))
    print(f"{len(kinds)} kinds of {args.vendor} hosts ({real} CPUs, {len(kinds) - real} firmware variants); files in {args.out_dir}")


if __name__ == "__main__":
    main()
