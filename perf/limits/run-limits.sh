#!/usr/bin/env bash
# Builds limits.c with gcc -O3 -march=native and prints the three kernel limits (per core) on this machine.
# Run it on a quiet machine: the numbers are what CpuCompat's kernels are compared against in perf/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")"
out="${TMPDIR:-/tmp}/cpucompat-limits.$$"
trap 'rm -f "$out"' EXIT
gcc -O3 -march=native -std=c11 -Wall -Wextra -o "$out" limits.c
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, gcc $(gcc -dumpfullversion)"
"$out"
