using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Syntax;

/// <summary>Collects the statements of one pool body: repeated lists and selectors add up, <c>vendor</c> and <c>minimum</c> may appear once.</summary>
internal sealed class PoolParts(string owner, DiagnosticBag diagnostics)
{
    private SourceSpan? _vendorStatement;
    private SourceSpan? _minimumStatement;

    public ImmutableArray<NameRef>.Builder Forbid { get; } = ImmutableArray.CreateBuilder<NameRef>();

    public ImmutableArray<NameRef>.Builder Require { get; } = ImmutableArray.CreateBuilder<NameRef>();

    public ImmutableArray<NameRef>.Builder Prefer { get; } = ImmutableArray.CreateBuilder<NameRef>();

    public ImmutableArray<NameRef>.Builder Allow { get; } = ImmutableArray.CreateBuilder<NameRef>();

    public NameRef? VendorName { get; private set; }

    public ImmutableArray<ConditionSyntax>.Builder Selectors { get; } = ImmutableArray.CreateBuilder<ConditionSyntax>();

    public NameRef? MinimumModel { get; private set; }

    public bool Migratable { get; set; }

    public void Vendor(NameRef vendor, SourceSpan statement)
    {
        if (_vendorStatement is { } first)
        {
            diagnostics.Add(SyntaxDiagnostics.Duplicate(statement, "vendor", owner, first));
            return;
        }

        _vendorStatement = statement;
        VendorName = vendor;
    }

    public void Minimum(NameRef model, SourceSpan statement)
    {
        if (_minimumStatement is { } first)
        {
            diagnostics.Add(SyntaxDiagnostics.Duplicate(statement, "minimum", owner, first));
            return;
        }

        _minimumStatement = statement;
        MinimumModel = model;
    }

    public PoolDeclaration ToDeclaration(ArchFamily arch, NameRef name, SourceSpan span) => new(
        arch, name, Forbid.ToImmutable(), Require.ToImmutable(), Prefer.ToImmutable(), Allow.ToImmutable(), VendorName, Migratable, span)
    {
        Selectors = Selectors.ToImmutable(),
        Minimum = MinimumModel,
    };
}
