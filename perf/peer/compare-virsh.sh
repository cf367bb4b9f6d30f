#!/usr/bin/env bash
# Side by side with libvirt: the same cpu-baseline job as a whole process, CpuCompat's native binary against
# `virsh -c test:///default cpu-baseline` (libvirt's test driver runs the CPU code in-process, no daemon), with
# the answers checked equal first. Needs: hyperfine, libvirt-clients (Debian), the NativeAOT toolchain.
#   perf/peer/compare-virsh.sh [INPUT.xml]
set -euo pipefail
cd "$(dirname "$0")/../.."
input=${1:-data/examples/pool-east.xml}
map=/usr/share/libvirt/cpu_map

dotnet publish src/CpuCompat.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/native >/dev/null
cc=artifacts/native/cpucompat

# libvirt answers with its installed map; CpuCompat is pointed at the same map. virsh prints one extra blank line.
diff <(virsh -c test:///default cpu-baseline "$input" | sed '/^$/d') <("$cc" cpu-baseline "$input" --cpu-map "$map") \
  && echo "same answer as virsh for $input"

hyperfine -N --warmup 5 --runs 50 \
  "virsh -c test:///default cpu-baseline $input" \
  "$cc cpu-baseline $input --cpu-map $map" \
  "$cc cpu-baseline $input"
