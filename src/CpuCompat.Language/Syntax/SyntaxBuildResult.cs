using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Language.Syntax;

/// <summary>The declarations one file states, in order, and the problems found while building them.</summary>
public sealed record SyntaxBuildResult(ImmutableArray<Declaration> Declarations, ImmutableArray<Diagnostic> Diagnostics);
