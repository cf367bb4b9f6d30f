using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Syntax;

/// <summary>
/// The architecture the declarations of a file belong to: set by each <c>arch</c> statement, required by every
/// arch-bound declaration. A file without one gets one diagnostic, not one per declaration.
/// </summary>
internal sealed class ArchScope(DiagnosticBag diagnostics)
{
    /// <summary>The spellings an <c>arch</c> statement accepts; the first of each family is what the writer prints.</summary>
    public static readonly IReadOnlyDictionary<string, ArchFamily> Names = new Dictionary<string, ArchFamily>(StringComparer.Ordinal)
    {
        ["x86_64"] = ArchFamily.X86,
        ["i686"] = ArchFamily.X86,
        ["ppc64"] = ArchFamily.Ppc64,
        ["ppc64le"] = ArchFamily.Ppc64,
        ["aarch64"] = ArchFamily.Arm,
    };

    private ArchFamily? _current;
    private bool _unknownSet;
    private bool _missingReported;

    public void Set(NameRef name)
    {
        if (Names.TryGetValue(name.Name, out var family))
        {
            _current = family;
            _unknownSet = false;
            return;
        }

        // Declarations under an unknown arch are skipped silently: the arch statement carries the error.
        _current = null;
        _unknownSet = true;
        diagnostics.Add(SyntaxDiagnostics.UnknownArchitecture(name.Span, name.Name, NameSuggester.Suggest(name.Name, Names.Keys)));
    }

    /// <summary>The current architecture, or null when there is none (reported once per file).</summary>
    public ArchFamily? Require(SourceSpan span, string what)
    {
        if (_current is null && !_unknownSet && !_missingReported)
        {
            _missingReported = true;
            diagnostics.Add(SyntaxDiagnostics.NoArch(span, what));
        }

        return _current;
    }
}
