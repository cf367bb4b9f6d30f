using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// <c>alias sse4.1 = linux:sse4_1;</c>: more spellings for a feature declared elsewhere, so that names from other
/// sources (Linux <c>/proc/cpuinfo</c>) can be kept apart from the imported map facts.
/// </summary>
public sealed record AliasDeclaration(ArchFamily Arch, NameRef Feature, ImmutableArray<FeatureAliasSyntax> Aliases, SourceSpan Span)
    : ArchDeclaration(Arch, Span);
