using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Syntax;

/// <summary>
/// Collects the statements of one model body. List statements (<c>signature</c>, <c>features</c>, <c>removed</c>,
/// <c>added</c>, <c>pvr</c>) add up; <c>vendor</c>, <c>decode</c> and <c>check</c> may appear once.
/// </summary>
internal sealed class ModelParts(string owner, DiagnosticBag diagnostics)
{
    private static readonly string[] DecodeFlags = ["host", "guest", "none"];

    private readonly ImmutableArray<SignatureSyntax>.Builder _signatures = ImmutableArray.CreateBuilder<SignatureSyntax>();
    private readonly ImmutableArray<ModelFeatureRef>.Builder _features = ImmutableArray.CreateBuilder<ModelFeatureRef>();
    private readonly ImmutableArray<PvrSyntax>.Builder _pvrs = ImmutableArray.CreateBuilder<PvrSyntax>();
    private readonly Dictionary<string, SourceSpan> _singles = new(StringComparer.Ordinal);
    private NameRef? _vendor;

    // libvirt requires <decode>; the DSL's default when the statement is left out is both flags on.
    private bool _decodeHost = true;
    private bool _decodeGuest = true;
    private bool _compatCheck;

    public void Vendor(NameRef vendor, SourceSpan statement)
    {
        if (First("vendor", statement))
        {
            _vendor = vendor;
        }
    }

    public void Decode(IReadOnlyList<NameRef> flags, SourceSpan statement)
    {
        if (!First("decode", statement))
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            if (!DecodeFlags.Contains(flag.Name))
            {
                diagnostics.Add(SyntaxDiagnostics.DecodeFlag(flag.Span, flag.Name, NameSuggester.Suggest(flag.Name, DecodeFlags)));
            }
            else if (!seen.Add(flag.Name))
            {
                diagnostics.Add(SyntaxDiagnostics.DecodeRepeated(flag.Span, flag.Name));
            }
        }

        if (seen.Contains("none") && seen.Count > 1)
        {
            diagnostics.Add(SyntaxDiagnostics.DecodeConflict(flags.First(f => f.Name == "none").Span));
        }

        _decodeHost = seen.Contains("host");
        _decodeGuest = seen.Contains("guest");
    }

    public void Check(NameRef value, SourceSpan statement)
    {
        if (!First("check", statement))
        {
            return;
        }

        if (value.Name != "compat")
        {
            diagnostics.Add(SyntaxDiagnostics.Check(value.Span, value.Name));
            return;
        }

        _compatCheck = true;
    }

    public void Signature(SignatureSyntax signature) => _signatures.Add(signature);

    public void Feature(NameRef feature, ModelFeatureKind kind) => _features.Add(new ModelFeatureRef(feature, kind));

    public void Pvr(PvrSyntax pvr) => _pvrs.Add(pvr);

    public ModelDeclaration ToDeclaration(ArchFamily arch, NameRef name, NameRef? ancestor, SourceSpan span) => new(
        arch, name, ancestor, _vendor, _signatures.ToImmutable(), _decodeHost, _decodeGuest, _compatCheck,
        _features.ToImmutable(), _pvrs.ToImmutable(), span);

    private bool First(string statement, SourceSpan span)
    {
        if (_singles.TryGetValue(statement, out var first))
        {
            diagnostics.Add(SyntaxDiagnostics.Duplicate(span, statement, owner, first));
            return false;
        }

        _singles.Add(statement, span);
        return true;
    }
}
