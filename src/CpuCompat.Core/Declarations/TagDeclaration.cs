using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// <c>tag security = spec-ctrl, ibpb;</c>: puts features into a named group (a feature can be in several). Tags
/// describe features to people and tools (<c>cpucompat feature</c>); no libvirt algorithm looks at them.
/// </summary>
public sealed record TagDeclaration(ArchFamily Arch, NameRef Tag, ImmutableArray<NameRef> Features, SourceSpan Span)
    : ArchDeclaration(Arch, Span);
