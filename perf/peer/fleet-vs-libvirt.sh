#!/usr/bin/env bash
# Fleets side by side with libvirt, as users run them: CpuCompat's NativeAOT binary against `virsh cpu-baseline`
# (libvirt's test driver: its CPU code in-process, no daemon) and against libvirt's own baseline call over a whole
# fleet (the libvirt-oracle command, optional). Every pair is first checked to give the same answer; then each is
# timed with hyperfine and CpuCompat's peak memory is taken with GNU time. Prints one table with the ratios.
#
#   perf/peer/fleet-vs-libvirt.sh CPU_DIR [ORACLE]
#
# CPU_DIR: host <cpu> files (*-host.xml), e.g. libvirt's cputestdata; the fleets are built from them by
# perf/fleets/make-fleets.py (35 Intel kinds: 100,000 hosts in JSON Lines, 10,000 and 110,000-host lists, and 10,000
# hosts that all differ). ORACLE: a built libvirt-oracle `cpuoracle` binary; without it the 100,000-host pool is
# only timed on our side. Needs hyperfine, virsh (libvirt-clients), GNU time and the NativeAOT toolchain; the Debian
# packages are installed with apt-get when missing. WORK=DIR keeps the generated fleets (default: a temp dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
cpus=${1:?usage: perf/peer/fleet-vs-libvirt.sh CPU_DIR [ORACLE]}
oracle=${2:-}
work=${WORK:-$(mktemp -d)}
runs=${RUNS:-10}

missing=""
command -v hyperfine >/dev/null || missing="$missing hyperfine"
command -v virsh >/dev/null || missing="$missing libvirt-clients libvirt-daemon"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

[ -f "$work/fleet-100k.jsonl" ] || python3 perf/fleets/make-fleets.py "$cpus" "$work" >&2
dotnet publish src/CpuCompat.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/native >/dev/null
cc=$PWD/artifacts/native/cpucompat
map=/usr/share/libvirt/cpu_map
virsh="virsh -c test:///default"
results=$work/results
mkdir -p "$results"
rows=()

same() { # NAME EXPECTED ACTUAL
  if diff -q <(sed '/^$/d' "$2") <(sed '/^$/d' "$3") >/dev/null; then
    echo "same answer: $1" >&2
  else
    echo "DIFFERENT ANSWERS: $1 ($2 vs $3)" >&2
    diff <(sed '/^$/d' "$2") <(sed '/^$/d' "$3") >&2 || true
    exit 1
  fi
}

same_set() { # NAME EXPECTED ACTUAL: the same lines in any order (two libvirt versions order features differently)
  if diff -q <(sed '/^$/d' "$2" | sort) <(sed '/^$/d' "$3" | sort) >/dev/null; then
    echo "same answer (lines in any order): $1" >&2
  else
    echo "DIFFERENT ANSWERS: $1 ($2 vs $3)" >&2
    exit 1
  fi
}

peak() { # the peak resident memory of a command, in MB
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

pair() { # NAME RUNS LIBVIRT_COMMAND CPUCOMPAT_COMMAND
  local name=$1 n=$2 json=$results/$1.json
  hyperfine -N --warmup 1 --runs "$n" --export-json "$json" "$3" "$4" >/dev/null 2>&1
  local mb
  # shellcheck disable=SC2086
  mb=$(peak $4)
  rows+=("$(python3 - "$json" "$name" "$mb" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
lv, cc = r[0]["median"], r[1]["median"]
def t(s): return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"
print(f"| {sys.argv[2]} | {t(lv)} | {t(cc)} | {lv / cc:.1f}x | {sys.argv[3]} MB |")
EOF
)")
}

# cpu-baseline of lists: virsh with its installed map; CpuCompat with that map, and with its built-in database
# (libvirt 11.3.0's facts: exactly the 11.3.0 oracle's answer; against an older virsh, the same features).
for list in hosts-10k hosts-10k-distinct; do
  $virsh cpu-baseline "$work/$list.xml" >"$results/$list.virsh.xml"
  "$cc" cpu-baseline "$work/$list.xml" --cpu-map "$map" >"$results/$list.map.xml"
  "$cc" cpu-baseline "$work/$list.xml" >"$results/$list.cc.xml"
  same "cpu-baseline $list.xml, --cpu-map $map" "$results/$list.virsh.xml" "$results/$list.map.xml"
  same_set "cpu-baseline $list.xml, built-in database, against virsh" "$results/$list.virsh.xml" "$results/$list.cc.xml"
  if [ -n "$oracle" ]; then
    "$oracle" baseline "$work/$list.xml" >"$results/$list.oracle.xml"
    same "cpu-baseline $list.xml, built-in database, against libvirt's call ($oracle)" "$results/$list.oracle.xml" "$results/$list.cc.xml"
  fi
  pair "cpu-baseline $list.xml (virsh)" "$runs" "$virsh cpu-baseline $work/$list.xml" "$cc cpu-baseline $work/$list.xml"
  pair "cpu-baseline $list.xml --cpu-map (virsh)" "$runs" "$virsh cpu-baseline $work/$list.xml" "$cc cpu-baseline $work/$list.xml --cpu-map $map"
done

# 110,000 hosts (~85 MB): more than virsh reads from one file (10 MB), so only CpuCompat's time and memory; its
# answer must be that of the 10,000-host list of the same kinds.
"$cc" cpu-baseline "$work/hosts-110k.xml" >"$results/hosts-110k.cc.xml"
same "cpu-baseline hosts-110k.xml = hosts-10k.xml (same kinds)" "$results/hosts-10k.cc.xml" "$results/hosts-110k.cc.xml"
hyperfine -N --warmup 1 --runs "$runs" --export-json "$results/110k.json" "$cc cpu-baseline $work/hosts-110k.xml" >/dev/null 2>&1
rows+=("$(python3 -c "import json,sys; print(f'| cpu-baseline hosts-110k.xml | (virsh: over 10 MB) | {json.load(open(sys.argv[1]))[\"results\"][0][\"median\"]*1000:.0f} ms | | $(peak "$cc" cpu-baseline "$work/hosts-110k.xml") MB |')" "$results/110k.json")")

# A pool of 100,000 hosts: libvirt's own baseline call over the same CPUs (the oracle, with its source tree's map),
# against `pool baseline --fleet` of the JSON Lines fleet with the same map.
if [ -n "$oracle" ]; then
  omap=$(cd "$(dirname "$oracle")/../../src/cpu_map" && pwd)
  "$oracle" baseline "$work"/fleet-100k/part-*.xml >"$results/pool.oracle.xml"
  "$cc" pool baseline --fleet "$work/fleet-100k.jsonl" --cpu-map "$omap" --json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["pools"][0]["cpu"], end="")' >"$results/pool.cc.xml"
  same "pool baseline of 100,000 hosts = libvirt's baseline of them" "$results/pool.oracle.xml" "$results/pool.cc.xml"
  pair "pool baseline --fleet fleet-100k.jsonl (libvirt's call)" 3 "$oracle baseline $(echo "$work"/fleet-100k/part-*.xml)" \
    "$cc pool baseline --fleet $work/fleet-100k.jsonl --cpu-map $omap --json"
  pair "pool baseline --fleet fleet-100k.jsonl, built-in (libvirt's call)" 3 "$oracle baseline $(echo "$work"/fleet-100k/part-*.xml)" \
    "$cc pool baseline --fleet $work/fleet-100k.jsonl --json"
fi

echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $($virsh version 2>/dev/null | grep -m1 'libvirt' | xargs)"
echo "| job (against) | libvirt | cpucompat | ratio | cpucompat peak memory |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
