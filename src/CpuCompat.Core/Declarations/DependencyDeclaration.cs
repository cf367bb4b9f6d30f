using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary><c>require avx512vl -> avx512f;</c>: each feature on the left needs every feature on the right.</summary>
public sealed record DependencyDeclaration(ArchFamily Arch, ImmutableArray<NameRef> Features, ImmutableArray<NameRef> Requires, SourceSpan Span)
    : ArchDeclaration(Arch, Span);
