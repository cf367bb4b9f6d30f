#!/usr/bin/env python3
"""Differential check of CpuCompat against libvirt's own CPU code (the cpuoracle binary).

Run by hand, never in CI: it needs a cpuoracle built from libvirt's source (see README.md).
Generates seeded, reproducible cases (host-model of real and mutated CPUID data, baselines of random
pools, compares and update-cpu of random guests against random hosts), runs both programs on each,
compares exit status and output bytes (only a missing trailing newline is normalised), and writes one
minimised reproducer per class of disagreement.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import glob
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("CPUCOMPAT_SHARED", os.path.join(os.path.dirname(REPO), "shared"))

KINDS = ("host-model", "dump", "baseline", "compare", "update", "foreign")
POLICIES = ("force", "require", "optional", "disable", "forbid")
INCOMPATIBLE_PREFIX = "the CPU is incompatible with host CPU"

# ------------------------------------------------------------------------------------------------
# cpu_map


class CpuMap:
    """What the generators need from a cpu_map directory: features with their CPUID bits, models."""

    def __init__(self, directory: str):
        self.dir = directory
        index = ET.parse(os.path.join(directory, "index.xml")).getroot()
        arch = next(a for a in index.findall("arch") if a.get("name") == "x86")
        files = []
        for child in arch:
            if child.tag == "include":
                files.append(child.get("filename"))
            elif child.tag == "group" and child.get("name"):
                files += [i.get("filename") for i in child.findall("include")]
        self.features: list[str] = []
        self.feature_bits: dict[tuple, list[tuple[str, int]]] = {}   # (leaf, sub, reg) -> [(name, bit)]
        self.msr_bits: dict[tuple, list[tuple[str, int]]] = {}       # (index, half) -> [(name, bit)]
        self.migratable_no: set[str] = set()
        self.aliases: list[str] = []
        self.models: list[str] = []
        self.model_vendor: dict[str, str | None] = {}
        self.model_features: dict[str, list[str]] = {}
        self.signatures: list[tuple[int, int]] = []
        self.vendors: dict[str, str] = {}
        for name in files:
            root = ET.parse(os.path.join(directory, name)).getroot()
            for v in root.findall("vendor"):
                self.vendors[v.get("name")] = v.get("string")
            for f in root.findall("feature"):
                fname = f.get("name")
                self.features.append(fname)
                self.aliases += [a.get("name") for a in f.findall("alias")]
                if f.get("migratable") == "no":
                    self.migratable_no.add(fname)
                for c in f.findall("msr"):
                    idx = int(c.get("index"), 16)
                    for half in ("eax", "edx"):
                        val = int(c.get(half, "0"), 16)
                        for bit in range(32):
                            if val >> bit & 1:
                                self.msr_bits.setdefault((idx, half), []).append((fname, bit))
                for c in f.findall("cpuid"):
                    leaf = int(c.get("eax_in"), 16)
                    sub = int(c.get("ecx_in", "0"), 16)
                    for reg in ("eax", "ebx", "ecx", "edx"):
                        val = int(c.get(reg, "0"), 16)
                        for bit in range(32):
                            if val >> bit & 1:
                                self.feature_bits.setdefault((leaf, sub, reg), []).append((fname, bit))
            for m in root.findall("model"):
                mname = m.get("name")
                self.models.append(mname)
                v = m.find("vendor")
                self.model_vendor[mname] = v.get("name") if v is not None else None
                self.model_features[mname] = [f.get("name") for f in m.findall("feature")]
                for s in m.findall("signature"):
                    self.signatures.append((int(s.get("family")), int(s.get("model"))))


# ------------------------------------------------------------------------------------------------
# <cpudata>


class CpuData:
    def __init__(self, cpuid: dict, msrs: dict, comment: str = ""):
        self.cpuid = cpuid      # (leaf, sub) -> [eax, ebx, ecx, edx]
        self.msrs = msrs        # index -> [eax, edx]
        self.comment = comment

    @staticmethod
    def load(path: str) -> "CpuData":
        text = open(path, encoding="utf-8").read()
        m = re.match(r"\s*<!--(.*?)-->", text, re.S)
        root = ET.fromstring(text)
        cpuid, msrs = {}, {}
        for e in root:
            if e.tag == "cpuid":
                key = (int(e.get("eax_in"), 16), int(e.get("ecx_in", "0"), 16))
                regs = [int(e.get(r, "0"), 16) for r in ("eax", "ebx", "ecx", "edx")]
                old = cpuid.setdefault(key, [0, 0, 0, 0])
                cpuid[key] = [a | b for a, b in zip(old, regs)]
            elif e.tag == "msr":
                idx = int(e.get("index"), 16)
                msrs[idx] = [int(e.get("eax", "0"), 16), int(e.get("edx", "0"), 16)]
        return CpuData(cpuid, msrs, m.group(1).strip() if m else "")

    def copy(self) -> "CpuData":
        return CpuData({k: list(v) for k, v in self.cpuid.items()}, {k: list(v) for k, v in self.msrs.items()},
                       self.comment)

    def format(self) -> str:
        out = []
        if self.comment:
            out.append(f"<!-- {self.comment} -->")
        out.append("<cpudata arch='x86'>")
        for (leaf, sub) in sorted(self.cpuid):
            a, b, c, d = self.cpuid[(leaf, sub)]
            out.append(f"  <cpuid eax_in='0x{leaf:08x}' ecx_in='0x{sub:02x}' eax='0x{a:08x}' ebx='0x{b:08x}'"
                       f" ecx='0x{c:08x}' edx='0x{d:08x}'/>")
        for idx in sorted(self.msrs):
            a, d = self.msrs[idx]
            out.append(f"  <msr index='0x{idx:x}' edx='0x{d:08x}' eax='0x{a:08x}'/>")
        out.append("</cpudata>")
        return "\n".join(out) + "\n"


REGS = ("eax", "ebx", "ecx", "edx")
FLIP_TARGETS = [(1, 0, "ecx"), (1, 0, "edx"), (7, 0, "ebx"), (7, 0, "ecx"), (7, 0, "edx"), (7, 1, "eax"),
                (0xD, 1, "eax"), (0x80000001, 0, "ecx"), (0x80000001, 0, "edx")]
VENDOR_STRINGS = ["GenuineIntel", "AuthenticAMD", "HygonGenuine", "CentaurHauls", "  Shanghai  ", "GenuineIotel"]


def vendor_regs(s: str) -> tuple[int, int, int]:
    b = s.encode("ascii")
    le = lambda x: int.from_bytes(x, "little")  # noqa: E731
    return le(b[0:4]), le(b[4:8]), le(b[8:12])   # ebx, edx, ecx


def apply_mutation(data: CpuData, mut: dict) -> None:
    t = mut["type"]
    if t == "flip":
        key = (mut["leaf"], mut["sub"])
        regs = data.cpuid.setdefault(key, [0, 0, 0, 0])
        regs[REGS.index(mut["reg"])] ^= 1 << mut["bit"]
    elif t == "signature":
        regs = data.cpuid.setdefault((1, 0), [0, 0, 0, 0])
        fam, mod, step = mut["family"], mut["model"], mut["stepping"]
        if fam > 15:
            base, ext = 15, fam - 15
        else:
            base, ext = fam, 0
        eax = regs[0] & ~0x0FFF3FFF
        eax |= (ext & 0xFF) << 20 | ((mod >> 4) & 0xF) << 16 | (base & 0xF) << 8 | (mod & 0xF) << 4 | (step & 0xF)
        regs[0] = eax
    elif t == "msr":
        regs = data.msrs.setdefault(mut["index"], [0, 0])
        regs[0 if mut["half"] == "eax" else 1] ^= 1 << mut["bit"]
    elif t == "drop":
        data.cpuid.pop((mut["leaf"], mut["sub"]), None)
    elif t == "vendor":
        regs = data.cpuid.setdefault((0, 0), [0, 0, 0, 0])
        ebx, edx, ecx = vendor_regs(mut["string"])
        regs[1], regs[2], regs[3] = ebx, ecx, edx
    else:
        raise ValueError(t)


def describe_mutation(mut: dict) -> str:
    t = mut["type"]
    if t == "flip":
        return f"flip CPUID 0x{mut['leaf']:x}.{mut['sub']} {mut['reg']} bit {mut['bit']}" + \
            (f" ({mut['feature']})" if mut.get("feature") else "")
    if t == "signature":
        return f"signature family {mut['family']} model {mut['model']} stepping {mut['stepping']}"
    if t == "msr":
        return f"flip MSR 0x{mut['index']:x} {mut['half']} bit {mut['bit']}" + \
            (f" ({mut['feature']})" if mut.get("feature") else "")
    if t == "drop":
        return f"remove CPUID leaf 0x{mut['leaf']:x} sub-leaf {mut['sub']}"
    return f"vendor string '{mut['string']}'"


def random_mutation(rng: random.Random, cmap: CpuMap) -> dict:
    r = rng.random()
    if r < 0.70:
        if rng.random() < 0.8:
            leaf, sub, reg = rng.choice(FLIP_TARGETS)
        else:   # any other register the map has features in
            leaf, sub, reg = rng.choice(sorted(cmap.feature_bits))
        known = cmap.feature_bits.get((leaf, sub, reg), [])
        if known and rng.random() < 0.8:
            name, bit = rng.choice(known)
        else:
            bit = rng.randrange(32)
            name = next((n for n, b in known if b == bit), None)
        return {"type": "flip", "leaf": leaf, "sub": sub, "reg": reg, "bit": bit, "feature": name}
    if r < 0.75 and cmap.msr_bits:
        (idx, half) = rng.choice(sorted(cmap.msr_bits))
        name, bit = rng.choice(cmap.msr_bits[(idx, half)])
        return {"type": "msr", "index": idx, "half": half, "bit": bit, "feature": name}
    if r < 0.78:
        leaf, sub = rng.choice([(1, 0), (7, 0), (0xD, 1), (0x80000001, 0), (0, 0), (7, 1), (0x80000008, 0)])
        return {"type": "drop", "leaf": leaf, "sub": sub}
    if r < 0.92:
        p = rng.random()
        if p < 0.3:   # the broken-TSX signatures and their neighbours
            fam, mod, step = 6, rng.choice([60, 63, 69, 70, 61, 71, 79, 86]), rng.randrange(8)
        elif p < 0.8 and cmap.signatures:
            fam, mod = rng.choice(cmap.signatures)
            step = rng.randrange(16)
        else:
            fam, mod, step = rng.choice([5, 6, 15, 16, 21, 23, 24, 25, 26]), rng.randrange(256), rng.randrange(16)
        return {"type": "signature", "family": fam, "model": mod, "stepping": step}
    return {"type": "vendor", "string": rng.choice(VENDOR_STRINGS)}


# ------------------------------------------------------------------------------------------------
# raw dumps (../shared/cpuid-dumps) -> <cpudata>


def parse_dump(path: str) -> CpuData | None:
    """Both syntaxes of ../shared/cpuid-dumps (first logical CPU); None when nothing useful is found."""
    cpuid: dict = {}
    text = open(path, encoding="utf-8", errors="replace").read()
    raw = re.findall(r"^\s*(basic_cpuid|ext_cpuid|intel_fn4|intel_fn11|amd_fn8000001dh|intel_fn12h|intel_fn14h)"
                     r"\[(\d+)\]=([0-9a-fA-F]+) ([0-9a-fA-F]+) ([0-9a-fA-F]+) ([0-9a-fA-F]+)", text, re.M)
    if raw:
        maxb = maxe = None
        for arr, i, a, b, c, d in raw:
            i = int(i)
            regs = [int(x, 16) for x in (a, b, c, d)]
            if arr == "basic_cpuid":
                if i == 0:
                    maxb = regs[0]
                if maxb is not None and i > maxb:
                    continue
                key = (i, 0)
            elif arr == "ext_cpuid":
                if i == 0:
                    maxe = regs[0]
                if maxe is not None and 0x80000000 + i > maxe:
                    continue
                key = (0x80000000 + i, 0)
            else:
                leaf = {"intel_fn4": 4, "intel_fn11": 0xB, "amd_fn8000001dh": 0x8000001D,
                        "intel_fn12h": 0x12, "intel_fn14h": 0x14}[arr]
                key = (leaf, i)
            if any(regs):
                cpuid[key] = regs
        # libcpuid keeps leaf 7 sub-leaf 0 only in basic_cpuid[7]; leaf 0xD sub-leaf 1 is lost
    else:
        seen: dict[int, int] = {}
        for m in re.finditer(r"^\s*CPUID ([0-9A-Fa-f]{8}):?\s+([0-9A-Fa-f]{8})-([0-9A-Fa-f]{8})-([0-9A-Fa-f]{8})-"
                             r"([0-9A-Fa-f]{8})(.*)$", text, re.M):
            leaf = int(m.group(1), 16)
            regs = [int(m.group(i), 16) for i in range(2, 6)]
            sl = re.search(r"\[SL ([0-9A-Fa-f]+)\]", m.group(6))
            if sl:
                sub = int(sl.group(1), 16)
            else:
                sub = seen.get(leaf, -1) + 1
            if (leaf, sub) in cpuid:   # a second logical CPU starts
                if leaf == 0:
                    break
                continue
            seen[leaf] = sub
            if any(regs):
                cpuid[(leaf, sub)] = regs
    if (0, 0) not in cpuid or (1, 0) not in cpuid:
        return None
    rel = os.path.relpath(path, os.path.join(SHARED, "cpuid-dumps"))
    return CpuData(cpuid, {}, f"converted from cpuid-dumps/{rel}")


# ------------------------------------------------------------------------------------------------
# running the two programs


@dataclass
class Result:
    rc: int
    out: str
    err: str


def run(argv: list[str], timeout: int = 120) -> Result:
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        return Result(p.returncode, p.stdout, p.stderr)
    except subprocess.TimeoutExpired:
        return Result(-9, "", "timeout")


def norm(s: str) -> str:
    return s if s.endswith("\n") or s == "" else s + "\n"


@dataclass
class Case:
    kind: str
    variant: str
    id: str
    dir: str
    files: dict            # role -> path (inputs)
    oracle: list[str]      # argv after the oracle binary
    cc: list[str]          # argv after the cpucompat command
    meta: dict = field(default_factory=dict)
    # filled in by evaluation
    agree: bool | None = None
    klass: str = ""
    o: Result | None = None
    c: Result | None = None
    o_view: str = ""
    c_view: str = ""
    detail: str = ""


class Runner:
    def __init__(self, oracle: str, cc_cmd: list[str], cpu_map: str):
        self.oracle = oracle
        self.cc_cmd = cc_cmd
        self.cpu_map = cpu_map

    def oracle_run(self, args):
        return run([self.oracle] + args)

    def cc_run(self, args):
        return run(self.cc_cmd + args + ["--cpu-map", self.cpu_map])


def reason_key(msg: str) -> tuple[str, tuple[str, ...]]:
    """What an incompatibility message says, independent of its wording: the kind of reason and the feature
    names at fault (in the order given). CpuCompat paraphrases libvirt's messages, so only these are compared."""
    lines = [l for l in msg.strip().splitlines() if l.strip()]
    m = lines[-1] if lines else ""
    low = m.lower()
    if "forbidden" in low:
        kind = "forbidden"
    elif "strictly" in low or "extra feature" in low:
        kind = "extra"
    elif "does not provide" in low or "lacks" in low or "missing" in low:
        kind = "missing"
    elif "vendor" in low:
        kind = "vendor"
    elif "arch" in low:
        kind = "arch"
    else:
        kind = "other"
    feats: tuple[str, ...] = ()
    if kind in ("forbidden", "extra", "missing"):
        q = re.findall(r"'([^']+)'", m)
        if q and ": " not in m.split("feature", 1)[-1]:
            feats = tuple(q)
        elif ": " in m:
            feats = tuple(x.strip().strip("'") for x in m.rsplit(": ", 1)[1].strip().rstrip(".").split(",")
                          if x.strip())
    return kind, feats


def msg_shape(msg: str) -> str:
    """A message with its particulars (names, paths, numbers) blanked: groups disagreements by cause."""
    lines = [l for l in msg.strip().splitlines() if l.strip()]
    m = lines[0] if lines else ""
    m = re.sub(r"^(cpucompat|error): ", "", m)
    m = re.sub(r"'[^']*'", "'X'", m)
    m = re.sub(r"(/[^\s:]+)+", "PATH", m)
    m = re.sub(r"\b(unknown CPU (feature|model|vendor)|required CPU (model|vendor)|CPU model): \S+", r"\1: X", m)
    m = re.sub(r"\d+", "N", m)
    return m[:90]


def xml_diff_class(o: str, c: str) -> str:
    """Coarse description of how two <cpu> outputs differ (the class of a disagreement)."""
    ol, cl = o.splitlines(), c.splitlines()
    parts = []

    def pick(lines, pat):
        return [l for l in lines if re.search(pat, l)]
    for label, pat in (("model", r"<model"), ("vendor", r"<vendor"), ("signature", r"<signature"),
                       ("topology", r"<topology"), ("cpu-attrs", r"^<cpu")):
        if pick(ol, pat) != pick(cl, pat):
            parts.append(label)
    of, cf = pick(ol, r"<feature"), pick(cl, r"<feature")
    if of != cf:
        if sorted(of) == sorted(cf):
            parts.append("feature-order")
        else:
            names_o = {re.search(r"name='([^']*)'", l).group(1): l for l in of}
            names_c = {re.search(r"name='([^']*)'", l).group(1): l for l in cf}
            if set(names_o) == set(names_c):
                parts.append("feature-policy")
            else:
                if set(names_o) - set(names_c):
                    parts.append("features-missing")
                if set(names_c) - set(names_o):
                    parts.append("features-extra")
    if not parts:
        parts.append("other-bytes")
    return "+".join(parts)


def evaluate(case: Case, runner: Runner) -> None:
    o = runner.oracle_run(case.oracle)
    c = runner.cc_run(case.cc)
    case.o, case.c = o, c
    k = case.kind
    if k == "compare":
        first = o.out.splitlines()[0] if o.out else f"oracle-rc{o.rc}"
        ov = {"IDENTICAL": "identical", "SUPERSET": "superset", "INCOMPATIBLE": "incompatible",
              "ERROR": "error"}.get(first, f"oracle-fail({o.rc})")
        if c.rc == 0 and " is identical to host CPU" in c.out:
            cv = "identical"
        elif c.rc == 0 and "Host CPU is a superset of CPU described in" in c.out:
            cv = "superset"
        elif c.rc == 1 and "is incompatible with host CPU" in c.out:
            cv = "incompatible"
        elif c.rc == 2 and c.err.strip() and len(c.err.strip().splitlines()) == 1:
            cv = "error"
        else:
            cv = f"cc-odd(rc={c.rc})"
        case.o_view, case.c_view = ov, cv
        if ov != cv:
            case.agree = False
            why = msg_shape(c.err) if cv == "error" else msg_shape(o.out.split("\n", 1)[1]) if ov == "error" else ""
            case.klass = f"compare: oracle {ov} / cpucompat {cv}" + (f" [{why}]" if why else "")
            return
        if ov == "incompatible":
            # the features at fault: oracle with --error gives libvirt's message
            oe = runner.oracle_run(case.oracle + ["--error"])
            lines = oe.out.splitlines()
            omsg = lines[1] if len(lines) > 1 else ""
            cmsg = c.out.splitlines()[1] if len(c.out.splitlines()) > 1 else ""
            of, cf = reason_key(omsg), reason_key(cmsg)
            case.meta["oracle_error_message"] = omsg
            if of != cf:
                case.agree = False
                case.klass = "compare: features named in the incompatibility reason differ"
                case.detail = f"oracle: {omsg}\ncpucompat: {cmsg}"
                return
        case.agree = True
        return

    # XML producing kinds
    if o.rc == 3 or o.rc < 0:
        case.agree = None
        case.klass = f"oracle usage error rc={o.rc}: {o.err.strip()[:200]}"
        return
    if o.rc == 0:
        ov = "ok"
    elif k == "update" and INCOMPATIBLE_PREFIX in o.err:
        ov = "incompatible"
    else:
        ov = "error"
    if c.rc == 0:
        cv = "ok"
    elif c.rc == 1 and k == "update":
        cv = "incompatible"
    elif c.rc == 2 and len(c.err.strip().splitlines()) == 1:
        cv = "error"
    else:
        cv = f"cc-odd(rc={c.rc})"
    case.o_view, case.c_view = ov, cv
    if ov != cv:
        case.agree = False
        why = msg_shape(c.err) if cv in ("error", "incompatible") else msg_shape(o.err) if ov != "ok" else ""
        case.klass = f"{k}: oracle {ov} / cpucompat {cv}" + (f" [{why}]" if why else "")
        return
    if ov == "ok":
        if norm(o.out) != norm(c.out):
            case.agree = False
            case.klass = f"{k}: output differs ({xml_diff_class(norm(o.out), norm(c.out))})"
            return
    elif ov == "incompatible":
        of = reason_key(o.err)
        cf = reason_key(c.err)
        if of != cf:
            case.agree = False
            case.klass = f"{k}: features named in the incompatibility reason differ"
            case.detail = f"oracle: {o.err.strip()}\ncpucompat: {c.err.strip()}"
            return
    case.agree = True


# ------------------------------------------------------------------------------------------------
# generators


def write(path: str, text: str) -> str:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def cpudata_sources(version: str | None) -> list[tuple[str, str]]:
    """(name, path) of every x86_64-cpuid-NAME.xml under ../shared/libvirt/*/cputestdata, deduplicated by
    name, preferring the given version's copy."""
    found: dict[str, str] = {}
    dirs = sorted(glob.glob(os.path.join(SHARED, "libvirt", "*", "cputestdata")))
    if version:
        dirs.sort(key=lambda d: 0 if f"/{version}/" in d else 1)
    for d in dirs:
        for p in sorted(glob.glob(os.path.join(d, "x86_64-cpuid-*.xml"))):
            name = os.path.basename(p)[len("x86_64-cpuid-"):-len(".xml")]
            if re.search(r"-(host|guest|json|enabled|disabled)$", name) or "<cpudata" not in \
                    open(p, encoding="utf-8").read(4096):
                continue
            found.setdefault(name, p)
    return sorted(found.items())


def json_for(path: str) -> str | None:
    """The .json of a cpudata file when it holds a query-cpu-definitions reply (the expansion reply and then
    the definitions reply, as cputestdata's JSON_MODELS files)."""
    j = path[:-4] + ".json"
    if os.path.exists(j) and open(j, encoding="utf-8").read().count('"return"') >= 2:
        return j
    return None


def json_docs(text: str) -> list:
    dec, i, docs = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return docs
        doc, i = dec.raw_decode(text, i)
        docs.append(doc)


def synth_qmp(rng, cmap: CpuMap, template: str, out: str) -> str:
    """A QEMU reply file like cputestdata's .json: the template's model-expansion reply, then a made-up
    query-cpu-definitions reply (a random subset of the map's models, each usable, unusable with random
    blockers, or of unknown usability)."""
    docs = json_docs(open(template, encoding="utf-8").read())
    names = ["max", "host", "base"] + rng.sample(cmap.models, rng.randint(3, min(40, len(cmap.models))))
    if rng.random() < 0.1:
        names.append("NoSuchModel")
    defs = []
    for name in names:
        entry = {"name": name, "typename": f"{name}-x86_64-cpu", "migration-safe": True, "static": False}
        r = rng.random()
        if r < 0.35 and name not in ("max", "host", "base"):
            blockers = []
            feats = cmap.model_features.get(name) or cmap.features
            for _ in range(rng.randint(1, 4)):
                b = rng.choice(feats) if rng.random() < 0.7 else rng.choice(cmap.features)
                if rng.random() < 0.3:
                    b = b.replace("_", "-")   # QEMU spelling where it differs by punctuation
                if rng.random() < 0.05:
                    b = "no-such-prop"
                blockers.append(b)
            entry["unavailable-features"] = blockers
        elif r < 0.9:
            entry["unavailable-features"] = []
        defs.append(entry)
    rng.shuffle(defs)
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(docs[0], indent=2) + "\n\n" + json.dumps({"return": defs, "id": "definitions"}, indent=2)
                + "\n")
    return out


def hostmodel_cases(work, cmap, rng, n_mut, version):
    cases = []
    sources = cpudata_sources(version)
    originals = []
    all_jsons = [j for j in (json_for(p) for _, p in sources) if j]
    for name, path in sources:
        d = os.path.join(work, "host-model", "orig", name)
        p = write(os.path.join(d, "cpudata.xml"), open(path, encoding="utf-8").read())
        originals.append((name, path, p))
        for guest in (False, True):
            v = "guest" if guest else "host"
            cases.append(Case("host-model", f"{v}", f"orig-{name}-{v}", d, {"cpudata": p},
                              ["host-model", p] + (["--guest"] if guest else []),
                              ["host-model", "--cpuid", p] + (["--guest"] if guest else []),
                              {"base": name, "mutations": []}))
        if all_jsons:
            for k in range(2):
                jp = synth_qmp(rng, cmap, rng.choice(all_jsons), os.path.join(d, f"qemu-synthetic{k}.json"))
                cases.append(Case("host-model", "guest+synthetic-models", f"orig-{name}-guest-synth{k}", d,
                                  {"cpudata": p, "models": jp},
                                  ["host-model", p, "--guest", "--models", jp],
                                  ["host-model", "--cpuid", p, "--guest", "--models", jp],
                                  {"base": name, "mutations": []}))
        j = json_for(path)
        if j:
            jp = os.path.join(d, "qemu.json")
            shutil.copy(j, jp)
            cases.append(Case("host-model", "guest+models", f"orig-{name}-guest-models", d,
                              {"cpudata": p, "models": jp},
                              ["host-model", p, "--guest", "--models", jp],
                              ["host-model", "--cpuid", p, "--guest", "--models", jp],
                              {"base": name, "mutations": []}))
    for i in range(n_mut):
        name, src, _ = rng.choice(originals)
        muts = [random_mutation(rng, cmap) for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 12]))]
        data = CpuData.load(src)
        for m in muts:
            apply_mutation(data, m)
        data.comment = f"{name} mutated: " + "; ".join(describe_mutation(m) for m in muts)
        d = os.path.join(work, "host-model", "mut", f"{i:04d}")
        p = write(os.path.join(d, "cpudata.xml"), data.format())
        meta = {"base": name, "base_path": src, "mutations": muts}
        for guest in (False, True):
            v = "guest" if guest else "host"
            cases.append(Case("host-model", f"mutated-{v}", f"mut{i:04d}-{v}", d, {"cpudata": p},
                              ["host-model", p] + (["--guest"] if guest else []),
                              ["host-model", "--cpuid", p] + (["--guest"] if guest else []), dict(meta)))
        if all_jsons and rng.random() < 0.35:
            jp = synth_qmp(rng, cmap, rng.choice(all_jsons), os.path.join(d, "qemu-synthetic.json"))
            cases.append(Case("host-model", "mutated-guest+synthetic-models", f"mut{i:04d}-guest-synth", d,
                              {"cpudata": p, "models": jp},
                              ["host-model", p, "--guest", "--models", jp],
                              ["host-model", "--cpuid", p, "--guest", "--models", jp], dict(meta)))
        j = json_for(src)
        if rng.random() < 0.1 and all_jsons:   # another CPU's QEMU: blockers of a foreign model list
            j = rng.choice(all_jsons)
        if j and rng.random() < 0.3:
            jp = os.path.join(d, "qemu.json")
            shutil.copy(j, jp)
            cases.append(Case("host-model", "mutated-guest+models", f"mut{i:04d}-guest-models", d,
                              {"cpudata": p, "models": jp},
                              ["host-model", p, "--guest", "--models", jp],
                              ["host-model", "--cpuid", p, "--guest", "--models", jp], dict(meta)))
    return cases


def dump_cases(work, limit):
    cases = []
    paths = sorted(glob.glob(os.path.join(SHARED, "cpuid-dumps", "**", "*.txt"), recursive=True))
    for path in paths[:limit] if limit else paths:
        data = parse_dump(path)
        if data is None:
            continue
        stem = os.path.relpath(path, os.path.join(SHARED, "cpuid-dumps"))[:-4].replace("/", "_")
        d = os.path.join(work, "dump", stem)
        p = write(os.path.join(d, "cpudata.xml"), data.format())
        for guest in (False, True):
            v = "guest" if guest else "host"
            cases.append(Case("dump", v, f"{stem}-{v}", d, {"cpudata": p},
                              ["host-model", p] + (["--guest"] if guest else []),
                              ["host-model", "--cpuid", p] + (["--guest"] if guest else []),
                              {"dump": os.path.relpath(path, SHARED)}))
    return cases


def host_cpus(cases: list[Case]) -> list[dict]:
    """Host CPUs (as the oracle decodes them) from the host-model/dump cases, with the guest decode of the
    same data when there is one."""
    hosts = {}
    for c in cases:
        if c.o is None or c.o.rc != 0 or "--models" in c.oracle:
            continue
        key = c.files["cpudata"]
        h = hosts.setdefault(key, {"cpudata": key, "id": c.id.rsplit("-", 1)[0],
                                   "base": c.meta.get("base") or c.meta.get("dump")})
        h["guest" if "--guest" in c.oracle else "host"] = c.o.out
    out = [h for h in hosts.values() if "host" in h]
    for h in out:
        m = re.search(r"<model>([^<]*)</model>", h["host"])
        v = re.search(r"<vendor>([^<]*)</vendor>", h["host"])
        h["model"] = m.group(1) if m else None
        h["vendor"] = v.group(1) if v else None
        h["features"] = re.findall(r"<feature name='([^']*)'/>", h["host"])
        if "guest" in h:
            gm = re.search(r">([^<]*)</model>", h["guest"])
            h["guest_model"] = gm.group(1) if gm else None
    out.sort(key=lambda h: h["cpudata"])
    return out


def baseline_cases(work, hosts, rng, n, version=None):
    cases = []
    s_hosts = suite_cpus(version)[1]
    by_vendor: dict = {}
    by_base: dict = {}
    for h in hosts:
        by_vendor.setdefault(h["vendor"], []).append(h)
        by_base.setdefault(h["base"], []).append(h)
    for i in range(n):
        k = rng.randint(2, 6)
        r = rng.random()
        if r < 0.25:
            # fleet-like: one CPU and mutated variants of it (same or close models)
            base = rng.choice(sorted(by_base))
            pool_src = by_base[base]
        elif r < 0.75:
            group = rng.choice(sorted(by_vendor, key=str))
            pool_src = by_vendor[group]
        else:
            pool_src = hosts
        pool = [rng.choice(pool_src) if rng.random() > 0.05 or not s_hosts else suite_host(rng.choice(s_hosts))
                for _ in range(k)]
        # some pools mix in guest-form CPUs (host-model guests' CPUs); libvirt reads those only as cputest's
        # cpuid-baseline does (the oracle's --auto), which is how CpuCompat reads every input
        auto = rng.random() < 0.2
        texts = [h["guest"] if auto and "guest" in h and rng.random() < 0.6 else h["host"] for h in pool]
        d = os.path.join(work, "baseline", f"{i:04d}")
        files = {}
        if rng.random() < 0.5:
            p = write(os.path.join(d, "pool.xml"), "".join(texts))
            paths = [p]
            files["pool"] = p
        else:
            paths = []
            for j, t in enumerate(texts):
                p = write(os.path.join(d, f"cpu{j}.xml"), t)
                paths.append(p)
                files[f"cpu{j}"] = p
        opts = rng.choice([[], ["--features"], ["--migratable"], ["--features", "--migratable"]])
        variant = "+".join(o[2:] for o in opts) or "plain"
        if auto:
            variant = "guest-forms+" + variant
        cases.append(Case("baseline", variant, f"b{i:04d}", d, files,
                          ["baseline"] + paths + opts + (["--auto"] if auto else []),
                          ["cpu-baseline"] + paths + opts, {"pool": [h["id"] for h in pool], "opts": opts,
                                                            "auto": auto}))
    return cases


def guest_xml(g: dict) -> str:
    """Format a generated guest <cpu> (the generator's own layout; libvirt reads it back)."""
    attrs = f" mode='{g['mode']}'"
    if g.get("match"):
        attrs += f" match='{g['match']}'"
    if g.get("check"):
        attrs += f" check='{g['check']}'"
    lines = [f"<cpu{attrs}>"]
    if g.get("model"):
        fb = f" fallback='{g['fallback']}'" if g.get("fallback") else ""
        lines.append(f"  <model{fb}>{g['model']}</model>")
    elif g.get("fallback"):
        lines.append(f"  <model fallback='{g['fallback']}'/>")
    if g.get("vendor"):
        lines.append(f"  <vendor>{g['vendor']}</vendor>")
    if g.get("topology"):
        lines.append("  <topology sockets='1' cores='2' threads='2'/>")
    for name, pol in g["features"]:
        lines.append(f"  <feature policy='{pol}' name='{name}'/>")
    if len(lines) == 1:
        return f"<cpu{attrs}/>\n"
    lines.append("</cpu>")
    return "\n".join(lines) + "\n"


HYPERVISOR_FEATURES = ["kvm_pv_unhalt", "hv-relaxed", "hv-vapic", "hv-synic", "hv-tlbflush", "hv-evmcs",
                       "hv-stimer-direct", "hv-xmm_input", "hv-emsr_bitmap"]


def random_features(rng, cmap, host, count, policies=POLICIES, weights=None):
    names = []
    for _ in range(count):
        r = rng.random()
        if r < 0.02:
            names.append(rng.choice(HYPERVISOR_FEATURES))   # known to the x86 driver, not map features
        elif r < 0.05 and cmap.aliases:
            names.append(rng.choice(cmap.aliases))          # other spellings (QEMU, Linux) of map features
        elif host and host["features"] and rng.random() < 0.5:
            names.append(rng.choice(host["features"]))
        elif host and host.get("model") in cmap.model_features and rng.random() < 0.4 and \
                cmap.model_features[host["model"]]:
            names.append(rng.choice(cmap.model_features[host["model"]]))
        else:
            names.append(rng.choice(cmap.features))
    seen = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return [(n, rng.choices(policies, weights)[0]) for n in seen]


def pick_model(rng, cmap, host):
    r = rng.random()
    if r < 0.3 and host.get("model"):
        return host["model"]
    if r < 0.55 and host.get("guest_model"):
        return host["guest_model"]
    return rng.choice(cmap.models)


def suite_cpus(version: str | None) -> tuple[list[str], list[str]]:
    """The <cpu> definitions of libvirt's x86 compare/update test inputs (and expected update outputs), read
    at run time from ../shared: (guest-form paths, host-form paths)."""
    d = os.path.join(SHARED, "libvirt", version or "11.3.0", "cputestdata")
    guests, hosts = [], []
    for p in sorted(glob.glob(os.path.join(d, "x86_64-*.xml"))):
        b = os.path.basename(p)
        if b.startswith(("x86_64-cpuid-", "x86_64-baseline-")) or b.endswith("-result.xml"):
            continue
        text = open(p, encoding="utf-8").read()
        if not text.lstrip().startswith("<cpu"):
            continue
        (hosts if "<arch>" in text else guests).append(p)
    return guests, hosts


def wrap_host(text: str, rng) -> str:
    """A host <cpu> as is, or inside a capabilities document (virsh's extraction finds it there too)."""
    if rng.random() < 0.1:
        inner = "".join("    " + l + "\n" for l in text.splitlines())
        return f"<capabilities>\n  <host>\n{inner}  </host>\n</capabilities>\n"
    return text


def wrap_guest(text: str, rng) -> str:
    if rng.random() < 0.1:
        inner = "".join("  " + l + "\n" for l in text.splitlines())
        return f"<domain type='kvm'>\n  <name>g</name>\n{inner}</domain>\n"
    return text


def bogus_guest(rng, cmap, host) -> tuple[str, str]:
    """Guest definitions that exercise libvirt's error and corner paths: (label, XML)."""
    model = pick_model(rng, cmap, host)
    feat = rng.choice(host["features"] or cmap.features)
    choices = [
        ("unknown-feature", f"<cpu mode='custom' match='exact'>\n  <model>{model}</model>\n"
                            f"  <feature policy='{rng.choice(POLICIES)}' name='no-such-feature'/>\n</cpu>\n"),
        ("unknown-model", "<cpu mode='custom' match='exact'>\n  <model>Bogus-Model</model>\n</cpu>\n"),
        ("bad-policy", f"<cpu mode='custom'>\n  <model>{model}</model>\n  <feature policy='sometimes' name='{feat}'/>\n"
                       "</cpu>\n"),
        ("vendor-without-model", "<cpu mode='custom'>\n  <vendor>Intel</vendor>\n</cpu>\n"),
        ("features-without-model", f"<cpu mode='custom'>\n  <feature policy='require' name='{feat}'/>\n</cpu>\n"),
        ("unknown-vendor", f"<cpu mode='custom'>\n  <model>{model}</model>\n  <vendor>Acme</vendor>\n</cpu>\n"),
        ("duplicate-feature", f"<cpu mode='custom'>\n  <model>{model}</model>\n  <feature policy='require' name='{feat}'/>"
                              f"\n  <feature policy='disable' name='{feat}'/>\n</cpu>\n"),
        ("host-model-mode", f"<cpu mode='host-model'>\n  <feature policy='{rng.choice(POLICIES)}' name='{feat}'/>\n"
                            "</cpu>\n"),
        ("host-passthrough", "<cpu mode='host-passthrough'/>\n"),
        ("empty-model", "<cpu mode='custom' match='exact'>\n  <model fallback='forbid'/>\n</cpu>\n"),
        ("bad-match", f"<cpu mode='custom' match='sloppy'>\n  <model>{model}</model>\n</cpu>\n"),
        ("vendor_id", f"<cpu mode='custom' match='exact'>\n  <model vendor_id='GenuineIntel'>{model}</model>\n"
                      f"  <feature policy='require' name='{feat}'/>\n</cpu>\n"),
        ("no-features-policy", f"<cpu match='exact'>\n  <model>{model}</model>\n  <feature name='{feat}'/>\n</cpu>\n"),
        ("host-with-arch", f"<cpu>\n  <arch>x86_64</arch>\n  <model>{model}</model>\n  <feature name='{feat}'/>\n</cpu>\n"),
        ("foreign-arch", f"<cpu>\n  <arch>aarch64</arch>\n  <model>{model}</model>\n</cpu>\n"),
    ]
    return rng.choice(choices)


def suite_host(path: str) -> dict:
    text = open(path, encoding="utf-8").read()
    m = re.search(r"<model>([^<]*)</model>", text)
    v = re.search(r"<vendor>([^<]*)</vendor>", text)
    return {"id": "suite:" + os.path.basename(path), "host": text, "model": m.group(1) if m else None,
            "vendor": v.group(1) if v else None, "features": re.findall(r"<feature name='([^']*)'", text)}


def compare_cases(work, hosts, cmap, rng, n, version=None):
    cases = []
    with_guest = [h for h in hosts if "guest" in h]
    s_guests, s_hosts = suite_cpus(version)
    for i in range(n):
        host = rng.choice(hosts) if rng.random() > 0.1 or not s_hosts else suite_host(rng.choice(s_hosts))
        d = os.path.join(work, "compare", f"{i:04d}")
        hp = write(os.path.join(d, "host.xml"), wrap_host(host["host"], rng))
        r = rng.random()
        g = None
        if r < 0.08 and s_guests:
            src = rng.choice(s_guests + s_hosts)
            text, variant, meta = open(src, encoding="utf-8").read(), "suite-cpu", {"suite": os.path.basename(src)}
        elif r < 0.16:
            other = rng.choice(hosts)
            text, variant, meta = other["host"], "host-cpu", {"host_of": other["id"]}
        elif r < 0.22 and with_guest:
            other = rng.choice(with_guest)
            text, variant, meta = other["guest"], "guest-decode", {"guest_of": other["id"]}
        elif r < 0.30:
            label, text = bogus_guest(rng, cmap, host)
            variant, meta = "corner", {"corner": label}
        else:
            if r < 0.42:
                # the host itself as a guest: identical, or superset once something is dropped
                feats = [(f, rng.choices(POLICIES, [1, 12, 1, 1, 0])[0]) for f in host["features"]
                         if rng.random() < 0.97]
                model, variant = host["model"], "host-like"
            elif r < 0.65:
                model = host["model"] if rng.random() < 0.6 else (host.get("guest_model") or host["model"])
                feats = random_features(rng, cmap, host, rng.choice([1, 2, 3, 5, 8]), POLICIES, [1, 5, 2, 3, 2])
                variant = "near-host"
            else:
                model = pick_model(rng, cmap, host)
                feats = random_features(rng, cmap, host, rng.choice([0, 1, 2, 3, 4, 6, 10]))
                variant = "random-guest"
            g = {"mode": "custom", "match": rng.choice(["exact", "minimum", "strict", None]),
                 "model": model, "fallback": rng.choice([None, "allow", "forbid"]),
                 "vendor": rng.choice([None] * 6 + ["Intel", "AMD", "Hygon"]) if variant != "host-like" else
                 rng.choice([None, host["vendor"]]),
                 "features": feats}
            text, meta = guest_xml(g), {"guest": g}
        gp = write(os.path.join(d, "guest.xml"), wrap_guest(text, rng))
        cases.append(Case("compare", variant, f"c{i:04d}", d, {"host": hp, "guest": gp},
                          ["compare", hp, gp], ["cpu-compare", gp, "--host", hp],
                          dict(meta, host=host["id"])))
    return cases


def update_cases(work, hosts, cmap, rng, n, version=None):
    cases = []
    s_guests, s_hosts = suite_cpus(version)
    qemu_jsons = [j for j in (json_for(p) for _, p in cpudata_sources(version)) if j]
    for i in range(n):
        host = rng.choice(hosts) if rng.random() > 0.1 or not s_hosts else suite_host(rng.choice(s_hosts))
        d = os.path.join(work, "update", f"{i:04d}")
        hp = write(os.path.join(d, "host.xml"), wrap_host(host["host"], rng))
        flavour = rng.choices(["host-model", "minimum", "optional", "custom", "passthrough", "corner", "suite"],
                              [5, 5, 5, 5, 1, 2, 2])[0]
        g = {"check": rng.choice([None] * 6 + ["none", "partial", "full"]),
             "topology": rng.random() < 0.2, "fallback": rng.choice([None, "allow", "forbid"])}
        text = None
        if flavour == "host-model":
            g.update(mode="host-model", features=random_features(rng, cmap, host, rng.choice([0, 0, 1, 2, 3]),
                                                                  ("require", "optional", "disable", "forbid"),
                                                                  [3, 2, 3, 1]))
        elif flavour == "passthrough":
            g.update(mode=rng.choice(["host-passthrough", "maximum"]), fallback=None,
                     features=random_features(rng, cmap, host, rng.choice([0, 1, 2]), POLICIES))
        elif flavour == "corner":
            label, text = bogus_guest(rng, cmap, host)
            g = {"corner": label}
        elif flavour == "suite":
            src = rng.choice(s_guests)
            text = open(src, encoding="utf-8").read()
            g = {"suite": os.path.basename(src)}
        else:
            g.update(mode="custom", model=pick_model(rng, cmap, host),
                     vendor=rng.choice([None] * 8 + ["Intel", "AMD"]))
            # mostly features the host has (require/force/optional) and some it may lack (disable/forbid)
            feats = random_features(rng, cmap, host, rng.choice([0, 1, 2, 3, 5, 8]), POLICIES, [1, 4, 2, 3, 1])
            if flavour == "minimum":
                g["match"] = "minimum"
            else:
                g["match"] = rng.choice(["exact", "exact", "strict", None])
            if flavour == "optional" and not any(p == "optional" for _, p in feats):
                extra = random_features(rng, cmap, host, 2, ("optional",))
                feats += [f for f in extra if f[0] not in {x for x, _ in feats}]
            g["features"] = feats
        if text is None:
            text = guest_xml(g)
        gp = write(os.path.join(d, "guest.xml"), wrap_guest(text, rng))
        files = {"host": hp, "guest": gp}
        o_args, c_args = ["update-cpu", gp, hp], ["update-cpu", gp, "--host", hp]
        variant = flavour
        r = rng.random()
        if r < 0.1 and qemu_jsons:
            jp = synth_qmp(rng, cmap, rng.choice(qemu_jsons), os.path.join(d, "qemu-synthetic.json"))
            files["models"] = jp
            o_args += ["--models", jp]
            c_args += ["--models", jp]
            variant += "+synthetic-json"
        elif r < 0.2 and qemu_jsons:
            # a real QEMU's query-cpu-definitions reply (usability, blockers)
            src = rng.choice(qemu_jsons)
            jp = os.path.join(d, "qemu.json")
            shutil.copy(src, jp)
            files["models"] = jp
            o_args += ["--models", jp]
            c_args += ["--models", jp]
            variant += "+qemu-json"
        elif r < 0.55:
            names = rng.sample(cmap.models, rng.randint(1, 8))
            if rng.random() < 0.5 and g.get("model") and g["model"] not in names:
                names.append(g["model"])
            if rng.random() < 0.3 and host.get("model") and host["model"] not in names:
                names.append(host["model"])
            if rng.random() < 0.1:
                names.append("NoSuchModel")
            rng.shuffle(names)
            lp = write(os.path.join(d, "models.txt"), "\n".join(names) + "\n")
            files["models"] = lp
            o_args += ["--models-list", lp]
            c_args += ["--models", lp]
            variant += "+models"
        cases.append(Case("update", variant, f"u{i:04d}", d, files, o_args, c_args,
                          {"host": host["id"], "guest": g}))
    return cases


def foreign_maps(cpu_map: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """ppc64 models, ARM models, ARM vendors and ARM features of the map."""
    index = ET.parse(os.path.join(cpu_map, "index.xml")).getroot()
    ppc, arm, arm_vendors, arm_features = [], [], [], []
    for a in index.findall("arch"):
        incs = [i.get("filename") for i in a.iter("include")]
        for f in incs:
            root = ET.parse(os.path.join(cpu_map, f)).getroot()
            if a.get("name") == "ppc64":
                ppc += [m.get("name") for m in root.findall("model")]
            elif a.get("name") == "arm":
                arm += [m.get("name") for m in root.findall("model")]
                arm_vendors += [v.get("name") for v in root.findall("vendor")]
                arm_features += [v.get("name") for v in root.findall("feature")]
    return ppc, arm, arm_vendors, arm_features


def foreign_cases(work, cpu_map, rng, n):
    """Compare, update and baseline with non-x86 host CPUs (ppc64, aarch64, and arches without a CPU driver)."""
    ppc, arm, arm_vendors, arm_features = foreign_maps(cpu_map)
    legacy = ["POWER7_v2.1", "POWER7_v2.3", "POWER7+_v2.1", "POWER8_v1.0", "POWER8E_v1.0", "power8e"]

    def host():
        r = rng.random()
        topo = "  <topology sockets='1' cores='4' threads='2'/>\n" if rng.random() < 0.3 else ""
        if r < 0.5:
            arch = rng.choice(["ppc64", "ppc64", "ppc64le"])
            model = rng.choice(ppc + ["POWER8", "POWER9"] + (legacy if rng.random() < 0.1 else []))
            vendor = rng.choice(["IBM", "IBM", None, "Freescale"] + (["Bogus"] if rng.random() < 0.1 else []))
            feats = []
        elif r < 0.85:
            arch = "aarch64"
            model = rng.choice(arm)
            vendor = rng.choice(arm_vendors + [None])
            feats = rng.sample(arm_features, rng.choice([0, 0, 1, 3])) if arm_features else []
        else:
            arch = rng.choice(["ia64", "s390x", "armv7l", "x86_64"])
            model, vendor, feats = "Penryn", rng.choice(["Intel", None]), []
        text = f"<cpu>\n  <arch>{arch}</arch>\n  <model>{model}</model>\n"
        text += f"  <vendor>{vendor}</vendor>\n" if vendor else ""
        text += topo + "".join(f"  <feature name='{f}'/>\n" for f in feats) + "</cpu>\n"
        return arch, text

    def guest(arch):
        r = rng.random()
        match = rng.choice(["", " match='exact'", " match='strict'", " match='minimum'"])
        fb = rng.choice(["", " fallback='allow'", " fallback='forbid'"])
        if r < 0.35:
            model = rng.choice(ppc + legacy + ["Bogus"])
            vendor = rng.choice(["", "", "  <vendor>IBM</vendor>\n", "  <vendor>Freescale</vendor>\n"])
            return f"<cpu mode='custom'{match}>\n  <model{fb}>{model}</model>\n{vendor}</cpu>\n"
        if r < 0.5:
            compat = rng.choice(["", "power6", "power7", "power8", "power9", "power10", "power7+", "power11",
                                 "POWER8"])
            return f"<cpu mode='host-model'>\n  <model>{compat}</model>\n</cpu>\n" if compat else \
                "<cpu mode='host-model'/>\n"
        if r < 0.75 and arm:
            feats = rng.sample(arm_features, rng.choice([0, 1, 2])) if arm_features else []
            if rng.random() < 0.2:
                feats.append("vmx")
            body = "".join(f"  <feature policy='{rng.choice(POLICIES)}' name='{f}'/>\n" for f in feats)
            return f"<cpu mode='custom'{match}>\n  <model{fb}>{rng.choice(arm)}</model>\n{body}</cpu>\n"
        if r < 0.9:
            mode = rng.choice(["host-passthrough", "maximum"])
            feats = rng.sample(arm_features, 1) if rng.random() < 0.5 and arm_features else ["vmx"]
            if rng.random() < 0.4:
                return f"<cpu mode='{mode}'/>\n"
            return f"<cpu mode='{mode}'>\n  <feature policy='disable' name='{feats[0]}'/>\n</cpu>\n"
        return "<cpu mode='custom' match='exact'>\n  <model>Penryn</model>\n</cpu>\n"

    cases = []
    for i in range(n):
        d = os.path.join(work, "foreign", f"{i:04d}")
        arch, htext = host()
        kind = rng.choice(["compare", "update", "baseline"])
        if kind == "baseline":
            texts = [htext] + [host()[1] if rng.random() < 0.3 else htext.replace("cores='4'", "cores='8'")
                               for _ in range(rng.randint(0, 3))]
            p = write(os.path.join(d, "pool.xml"), "".join(texts))
            opts = rng.choice([[], ["--features"], ["--migratable"]])
            cases.append(Case("baseline", f"{arch}-hosts", f"f{i:04d}", d, {"pool": p}, ["baseline", p] + opts,
                              ["cpu-baseline", p] + opts, {"opts": opts}))
            continue
        hp = write(os.path.join(d, "host.xml"), htext)
        gp = write(os.path.join(d, "guest.xml"), guest(arch) if rng.random() < 0.85 else host()[1])
        if kind == "compare":
            cases.append(Case("compare", f"{arch}-host", f"f{i:04d}", d, {"host": hp, "guest": gp},
                              ["compare", hp, gp], ["cpu-compare", gp, "--host", hp], {}))
        else:
            o, c = ["update-cpu", gp, hp], ["update-cpu", gp, "--host", hp]
            files = {"host": hp, "guest": gp}
            if rng.random() < 0.4:
                lp = write(os.path.join(d, "models.txt"), "\n".join(rng.sample(ppc + arm, 3)) + "\n")
                files["models"] = lp
                o += ["--models-list", lp]
                c += ["--models", lp]
            cases.append(Case("update", f"{arch}-host", f"f{i:04d}", d, files, o, c, {}))
    return cases


# ------------------------------------------------------------------------------------------------
# minimising a disagreement


def still_fails(case: Case, runner: Runner, klass: str) -> bool:
    evaluate(case, runner)
    return case.agree is False and case.klass == klass


def minimise(case: Case, runner: Runner, cmap: CpuMap, budget: int = 60) -> Case:
    """Greedy: drop mutations / guest features / pool members while the same class of disagreement stays."""
    klass = case.klass
    tries = 0
    d = case.dir + ".min"
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)

    def clone(files, oracle, cc):
        return Case(case.kind, case.variant, case.id + ".min", d, files, oracle, cc, dict(case.meta))

    best = case
    if case.kind == "host-model" and case.meta.get("mutations"):
        muts = list(case.meta["mutations"])
        i = 0
        while i < len(muts) and tries < budget:
            trial = muts[:i] + muts[i + 1:]
            data = CpuData.load(case.meta["base_path"])
            for m in trial:
                apply_mutation(data, m)
            data.comment = f"{case.meta['base']} mutated: " + "; ".join(describe_mutation(m) for m in trial)
            p = write(os.path.join(d, "cpudata.xml"), data.format())
            files = dict(case.files, cpudata=p)
            o = [p if a == case.files["cpudata"] else a for a in case.oracle]
            c = [p if a == case.files["cpudata"] else a for a in case.cc]
            cand = clone(files, o, c)
            cand.meta["mutations"] = trial
            tries += 1
            if still_fails(cand, runner, klass):
                muts, best = trial, cand
            else:
                i += 1
        if best is not case:
            # final state on disk must be the best one
            data = CpuData.load(case.meta["base_path"])
            for m in muts:
                apply_mutation(data, m)
            data.comment = f"{case.meta['base']} mutated: " + "; ".join(describe_mutation(m) for m in muts)
            write(os.path.join(d, "cpudata.xml"), data.format())
            evaluate(best, runner)
        return best

    if case.kind in ("compare", "update") and isinstance(case.meta.get("guest"), dict) and \
            "features" in case.meta["guest"]:
        g = json.loads(json.dumps(case.meta["guest"]))
        g["features"] = [tuple(f) for f in g["features"]]
        hp = write(os.path.join(d, "host.xml"), open(case.files["host"], encoding="utf-8").read())
        extra = {k: v for k, v in case.files.items() if k not in ("host", "guest")}
        for k, v in extra.items():
            extra[k] = shutil.copy(v, os.path.join(d, os.path.basename(v)))

        def build(gd):
            gp = write(os.path.join(d, "guest.xml"), guest_xml(gd))
            files = {"host": hp, "guest": gp, **extra}
            if case.kind == "compare":
                return clone(files, ["compare", hp, gp], ["cpu-compare", gp, "--host", hp])
            o, c = ["update-cpu", gp, hp], ["update-cpu", gp, "--host", hp]
            if "models" in extra:
                o += ["--models" if extra["models"].endswith(".json") else "--models-list", extra["models"]]
                c += ["--models", extra["models"]]
            return clone(files, o, c)
        # candidate simplifications: each feature, then vendor/topology/check/fallback/match
        i = 0
        while i < len(g["features"]) and tries < budget:
            trial = dict(g, features=g["features"][:i] + g["features"][i + 1:])
            cand = build(trial)
            cand.meta["guest"] = trial
            tries += 1
            if still_fails(cand, runner, klass):
                g, best = trial, cand
            else:
                i += 1
        for key in ("vendor", "topology", "check", "fallback", "match"):
            if g.get(key) and tries < budget:
                trial = dict(g)
                trial[key] = None
                cand = build(trial)
                cand.meta["guest"] = trial
                tries += 1
                if still_fails(cand, runner, klass):
                    g, best = trial, cand
        cand = build(g)   # leave the final guest on disk
        cand.meta["guest"] = g
        evaluate(cand, runner)
        return cand if best is not case else case

    if case.kind == "baseline":
        cpus = []
        for role, p in sorted(case.files.items()):
            text = open(p, encoding="utf-8").read()
            cpus += re.findall(r"<cpu[ >].*?</cpu>\n", text, re.S)
        opts = case.meta["opts"]
        oopts = opts + (["--auto"] if case.meta.get("auto") else [])

        def buildb(lst):
            p = write(os.path.join(d, "pool.xml"), "".join(lst))
            return clone({"pool": p}, ["baseline", p] + oopts, ["cpu-baseline", p] + opts)
        cand = buildb(cpus)
        if not still_fails(cand, runner, klass):
            return case
        best = cand
        i = 0
        while i < len(cpus) and len(cpus) > 1 and tries < budget:
            trial = cpus[:i] + cpus[i + 1:]
            cand = buildb(trial)
            tries += 1
            if still_fails(cand, runner, klass):
                cpus, best = trial, cand
            else:
                i += 1
        cand = buildb(cpus)
        evaluate(cand, runner)
        return cand
    return case


def minimise_models_list(case: Case, runner: Runner, budget: int = 20) -> Case:
    """Drop lines of a plain models list while the same class of disagreement stays."""
    ml = case.files.get("models")
    if case.kind != "update" or not ml or not ml.endswith(".txt"):
        return case
    klass = case.klass
    d = case.dir.rstrip("/") + ".ml"
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    files = {k: shutil.copy(v, os.path.join(d, os.path.basename(v))) for k, v in case.files.items()}
    remap = {case.files[k]: files[k] for k in files}
    oracle = [remap.get(a, a) for a in case.oracle]
    cc = [remap.get(a, a) for a in case.cc]
    lines = [l for l in open(ml, encoding="utf-8").read().splitlines() if l.strip()]
    best, i, tries = case, 0, 0
    while i < len(lines) and len(lines) > 1 and tries < budget:
        trial = lines[:i] + lines[i + 1:]
        write(files["models"], "\n".join(trial) + "\n")
        cand = Case(case.kind, case.variant, case.id + ".ml", d, files, oracle, cc, dict(case.meta))
        tries += 1
        if still_fails(cand, runner, klass):
            lines, best = trial, cand
        else:
            i += 1
    write(files["models"], "\n".join(lines) + "\n")
    if best is not case:
        evaluate(best, runner)
    return best


def write_repro(n: int, case: Case, root: str, runner: Runner, count: int, examples: list[str]) -> str:
    d = os.path.join(root, str(n))
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    mapping = {}
    for role, p in case.files.items():
        dst = os.path.join(d, os.path.basename(p))
        shutil.copy(p, dst)
        mapping[p] = os.path.basename(p)
    sub = lambda args: [mapping.get(a, a) for a in args]  # noqa: E731
    o_cmd = shlex.join([runner.oracle] + sub(case.oracle))
    c_cmd = shlex.join(runner.cc_cmd + sub(case.cc) + ["--cpu-map", os.path.abspath(runner.cpu_map)])
    write(os.path.join(d, "run.sh"), f"#!/bin/sh\ncd \"$(dirname \"$0\")\"\necho '== libvirt (cpuoracle)'\n{o_cmd}\n"
          f"echo \"rc=$?\"\necho '== cpucompat'\n{c_cmd}\necho \"rc=$?\"\n")
    os.chmod(os.path.join(d, "run.sh"), 0o755)
    write(os.path.join(d, "oracle.out"), f"rc={case.o.rc}\n--- stdout\n{case.o.out}--- stderr\n{case.o.err}")
    write(os.path.join(d, "cpucompat.out"), f"rc={case.c.rc}\n--- stdout\n{case.c.out}--- stderr\n{case.c.err}")
    diff = "".join(difflib.unified_diff(norm(case.o.out).splitlines(True), norm(case.c.out).splitlines(True),
                                        "libvirt", "cpucompat"))
    info = [f"class: {case.klass}", f"kind: {case.kind} ({case.variant})", f"cases in this class: {count}",
            "examples: " + ", ".join(examples[:10])]
    if case.meta.get("base"):
        info.append(f"base: {case.meta['base']}")
    if case.meta.get("mutations"):
        info += ["mutation: " + describe_mutation(m) for m in case.meta["mutations"]]
    if case.detail:
        info.append(case.detail)
    write(os.path.join(d, "INFO.txt"), "\n".join(info) + "\n\n" + diff)
    return d


# ------------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oracle", required=True, help="path of the cpuoracle binary")
    ap.add_argument("--cpu-map", required=True, help="the cpu_map of the oracle's libvirt "
                    "(../shared/libvirt/<version>/cpu_map)")
    ap.add_argument("--cpucompat", default=None,
                    help="command running cpucompat (default: the NativeAOT binary /tmp/ccaot/cpucompat if present, "
                         "else 'dotnet src/CpuCompat.Cli/bin/Release/net10.0/cpucompat.dll')")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="host-model,baseline,compare,update",
                    help=f"comma-separated subset of {','.join(KINDS)} (dump = the raw dumps of "
                         "../shared/cpuid-dumps converted to <cpudata>; host CPUs of the other kinds also come from "
                         "host-model/dump cases, which always run)")
    ap.add_argument("--mutations", type=int, default=300, help="mutated <cpudata> files")
    ap.add_argument("--dump-limit", type=int, default=0, help="at most this many raw dumps (0 = all)")
    ap.add_argument("--baselines", type=int, default=300)
    ap.add_argument("--compares", type=int, default=500)
    ap.add_argument("--updates", type=int, default=500)
    ap.add_argument("--foreign", type=int, default=300, help="cases with non-x86 hosts (kind foreign)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--work", default=None, help="work directory (default /tmp/difftest-<map version>)")
    ap.add_argument("--repro", default="/tmp/diff-repro", help="where reproducers go (one numbered folder each)")
    ap.add_argument("--repro-start", type=int, default=1, help="number of the first reproducer folder")
    ap.add_argument("--no-minimise", action="store_true")
    args = ap.parse_args()

    cpu_map = os.path.abspath(args.cpu_map)
    version = os.path.basename(os.path.dirname(cpu_map)) if os.path.basename(cpu_map) == "cpu_map" else None
    if args.cpucompat:
        cc_cmd = shlex.split(args.cpucompat)
    elif os.access("/tmp/ccaot/cpucompat", os.X_OK):
        cc_cmd = ["/tmp/ccaot/cpucompat"]
    else:
        cc_cmd = ["dotnet", os.path.join(REPO, "src/CpuCompat.Cli/bin/Release/net10.0/cpucompat.dll")]
    work = args.work or f"/tmp/difftest-{version or 'map'}"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    for k in kinds:
        if k not in KINDS:
            ap.error(f"unknown kind {k}")
    cmap = CpuMap(cpu_map)
    runner = Runner(os.path.abspath(args.oracle), cc_cmd, cpu_map)
    rng = lambda k: random.Random(f"{args.seed}-{k}")  # noqa: E731
    t0 = time.time()

    def run_all(cases, label):
        done = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
            for _ in ex.map(lambda c: evaluate(c, runner), cases):
                done += 1
                if done % 100 == 0:
                    print(f"  {label}: {done}/{len(cases)} ({time.time() - t0:.0f}s)", file=sys.stderr)
        return cases

    all_cases: list[Case] = []
    print(f"libvirt {version}, map {cpu_map}, seed {args.seed}, cpucompat: {' '.join(cc_cmd)}", file=sys.stderr)
    hm = run_all(hostmodel_cases(work, cmap, rng("host-model"), args.mutations, version), "host-model")
    all_cases += hm if "host-model" in kinds else []
    pool_src = hm
    if "dump" in kinds:
        dc = run_all(dump_cases(work, args.dump_limit), "dump")
        all_cases += dc
        pool_src = hm + dc
    hosts = host_cpus(pool_src)
    print(f"  {len(hosts)} host CPUs decoded by the oracle", file=sys.stderr)
    if "baseline" in kinds:
        all_cases += run_all(baseline_cases(work, hosts, rng("baseline"), args.baselines, version), "baseline")
    if "compare" in kinds:
        all_cases += run_all(compare_cases(work, hosts, cmap, rng("compare"), args.compares, version), "compare")
    if "foreign" in kinds:
        all_cases += run_all(foreign_cases(work, cpu_map, rng("foreign"), args.foreign), "foreign")
    if "update" in kinds:
        all_cases += run_all(update_cases(work, hosts, cmap, rng("update"), args.updates, version), "update")

    # summary
    table: dict = {}
    classes: dict = {}
    for c in all_cases:
        key = (c.kind, c.variant)
        row = table.setdefault(key, [0, 0, 0, 0])
        row[0] += 1
        if c.agree is True:
            row[1] += 1
        elif c.agree is False:
            row[2] += 1
            classes.setdefault(c.klass, []).append(c)
        else:
            row[3] += 1
            classes.setdefault("(not judged) " + c.klass, []).append(c)
    lines = [f"## libvirt {version} — seed {args.seed} — {time.strftime('%Y-%m-%d')}", "",
             "| kind | variant | cases | agree | disagree | not judged |", "|---|---|---|---|---|---|"]
    totals = [0, 0, 0, 0]
    for (k, v), row in sorted(table.items()):
        lines.append(f"| {k} | {v} | {row[0]} | {row[1]} | {row[2]} | {row[3]} |")
        totals = [a + b for a, b in zip(totals, row)]
    lines.append(f"| **all** | | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} |")
    lines.append("")
    # oracle outcome distribution, to show the cases are not all one answer
    dist: dict = {}
    for c in all_cases:
        dist.setdefault(c.kind, {}).setdefault(c.o_view or "?", 0)
        dist[c.kind][c.o_view or "?"] += 1
    lines.append("libvirt's answers: " + "; ".join(
        f"{k}: " + ", ".join(f"{v} {n}" for v, n in sorted(d.items())) for k, d in sorted(dist.items())))
    lines.append("")
    n = args.repro_start
    if classes:
        lines.append("| # | class | cases | reproducer |")
        lines.append("|---|---|---|---|")
    for klass, cs in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        if klass.startswith("(not judged)"):
            lines.append(f"| - | {klass} | {len(cs)} | {cs[0].dir} |")
            continue
        # smallest input first
        cs.sort(key=lambda c: (len(c.meta.get("mutations", [])), sum(os.path.getsize(p) for p in c.files.values())))
        rep = cs[0]
        if not args.no_minimise:
            rep = minimise_models_list(minimise(rep, runner, cmap), runner)
        path = write_repro(n, rep, args.repro, runner, len(cs), [c.id for c in cs])
        lines.append(f"| {n} | {klass} | {len(cs)} | {path} |")
        n += 1
    report = "\n".join(lines) + "\n"
    write(os.path.join(work, "summary.md"), report)
    with open(os.path.join(work, "results.json"), "w", encoding="utf-8") as f:
        json.dump([{"id": c.id, "kind": c.kind, "variant": c.variant, "dir": c.dir, "agree": c.agree,
                    "class": c.klass, "oracle": c.o_view, "cpucompat": c.c_view} for c in all_cases], f, indent=1)
    print(report)
    print(f"({time.time() - t0:.0f}s; work dir {work})", file=sys.stderr)
    return 1 if classes else 0


if __name__ == "__main__":
    sys.exit(main())
