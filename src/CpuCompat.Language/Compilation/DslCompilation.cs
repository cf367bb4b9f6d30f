using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Language.Compilation;

/// <summary>
/// What compiling DSL sources gave: the database (null when any diagnostic is an error), the declarations that
/// were built, and every diagnostic — syntax of all files in file order first, then binding.
/// </summary>
public sealed record DslCompilation(CpuDatabase? Database, ImmutableArray<Declaration> Declarations, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => Database is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
