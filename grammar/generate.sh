#!/usr/bin/env bash
# Regenerates the C# lexer and parser from grammar/CpuCompat.g4 with the pinned antlr-ng npm package
# (a TypeScript port of ANTLR 4: no Java needed, only node/npx).
#
#   grammar/generate.sh            writes src/CpuCompat.Language/Generated/
#   grammar/generate.sh OUT_DIR    writes OUT_DIR (the staleness test compares it with the committed files)
#
# Only the .cs files are kept: the .interp/.tokens side files are for tools, not for the build.
# No listener or visitor is generated: Syntax/SyntaxBuilder.cs walks the typed contexts directly.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/src/CpuCompat.Language/Generated}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Run from the repository root with a relative grammar path: the generated GrammarFileName is then
# "CpuCompat.g4" whoever runs it, so regenerating never produces a spurious difference.
cd "$root"
npx --yes antlr-ng@1.0.10 -Dlanguage=CSharp --package CpuCompat.Language.Generated \
    --generate-listener false -o "$work" grammar/CpuCompat.g4

rm -f "$out"/*.cs
cp "$work"/*.cs "$out"/
