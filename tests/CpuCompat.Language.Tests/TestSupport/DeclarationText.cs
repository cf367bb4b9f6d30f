using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Language.Tests.TestSupport;

/// <summary>
/// A structural description of declarations that leaves out spans, for equality checks with readable diffs.
/// Written independently of the DSL writer so round-trip tests compare against something the writer did not make.
/// <see cref="Canonical"/> applies the two normalisations the writer documents (locations split per register;
/// model features grouped by kind) and unwraps one-operand and/or conditions.
/// </summary>
internal static class DeclarationText
{
    public static string[] Describe(IEnumerable<Declaration> declarations) => [.. declarations.Select(d => Describe(d, canonical: false))];

    public static string[] Canonical(IEnumerable<Declaration> declarations) => [.. declarations.Select(d => Describe(d, canonical: true))];

    private static string Describe(Declaration declaration, bool canonical) => declaration switch
    {
        CompatDeclaration c => $"compat {c.LibvirtVersion}",
        VendorDeclaration v => $"{v.Arch} vendor {v.Name} string={v.CpuidString ?? "-"} value={v.Value?.ToString() ?? "-"}",
        FeatureDeclaration f => $"{f.Arch} feature {f.Name} bits=[{Bits(f.Bits, canonical)}] migratable={f.Migratable} aliases=[{Aliases(f.Aliases)}]",
        AliasDeclaration a => $"{a.Arch} alias {a.Feature} = [{Aliases(a.Aliases)}]",
        ModelDeclaration m => $"{m.Arch} model {m.Name} : {m.Ancestor?.Name ?? "-"} vendor={m.Vendor?.Name ?? "-"} "
            + $"signatures=[{Join(m.Signatures, s => $"{s.Family}:{s.Model}/{s.Steppings?.ToString() ?? "any"}")}] "
            + $"decode={m.DecodeHost}/{m.DecodeGuest} check={m.CompatCheck} features=[{Features(m.Features, canonical)}] "
            + $"pvrs=[{Join(m.Pvrs, p => $"{p.Value:x}/{p.Mask?.ToString("x") ?? "-"}")}]",
        RuleDeclaration r => $"{r.Arch} rule {r.Name} when {Condition(r.Condition, canonical)} drop [{Names(r.Drop)}]",
        DependencyDeclaration d => $"{d.Arch} depend [{Names(d.Features)}] -> [{Names(d.Requires)}]",
        PoolDeclaration p => $"{p.Arch} pool {p.Name} forbid=[{Names(p.Forbid)}] require=[{Names(p.Require)}] "
            + $"prefer=[{Names(p.Prefer)}] allow=[{Names(p.Allow)}] vendor={p.Vendor?.Name ?? "-"} migratable={p.Migratable}",
        _ => throw new ArgumentException(declaration.GetType().Name),
    };

    private static string Bits(ImmutableArray<FeatureBitsSyntax> bits, bool canonical)
    {
        var items = bits.IsDefault ? [] : bits.Select(b => (b.Key, b.Mask)).ToList();
        if (canonical)
        {
            items = [.. items.SelectMany(b => Enumerable.Range(0, 4)
                .Where(r => b.Mask[r] != 0)
                .Select(r => (b.Key, Core.Cpu.Registers.Single(r, b.Mask[r]))))];
        }

        return string.Join(", ", items.Select(b => $"{b.Key}:{b.Mask.Eax:x}/{b.Mask.Ebx:x}/{b.Mask.Ecx:x}/{b.Mask.Edx:x}"));
    }

    private static string Aliases(ImmutableArray<FeatureAliasSyntax> aliases) => Join(aliases, a => $"{a.Source ?? "-"}:{a.Name}");

    private static string Features(ImmutableArray<ModelFeatureRef> features, bool canonical)
    {
        var list = features.IsDefault ? [] : features.ToList();
        if (canonical)
        {
            int Group(ModelFeatureKind kind) => kind switch { ModelFeatureKind.Removed => 1, ModelFeatureKind.Added => 2, _ => 0 };
            list = [.. list.OrderBy(f => Group(f.Kind))]; // OrderBy is stable: order within a group stays.
        }

        return string.Join(" ", list.Select(f => $"{f.Kind}:{f.Feature.Name}"));
    }

    private static string Condition(ConditionSyntax condition, bool canonical)
    {
        if (canonical)
        {
            while (condition is AndCondition { Operands.Length: 1 } or OrCondition { Operands.Length: 1 })
            {
                condition = condition is AndCondition a ? a.Operands[0] : ((OrCondition)condition).Operands[0];
            }
        }

        return condition switch
        {
            AndCondition a => $"and({Join(a.Operands, o => Condition(o, canonical))})",
            OrCondition o => $"or({Join(o.Operands, x => Condition(x, canonical))})",
            NotCondition n => $"not({Condition(n.Operand, canonical)})",
            VendorCondition v => $"vendor({v.Vendor.Name})",
            CompareCondition c => $"{c.Field} {c.Operator} {c.Value}",
            InCondition i => $"{i.Field} in ({string.Join(" ", i.Values)})",
            HasCondition h => $"has({Names(h.Features)})",
            _ => throw new ArgumentException(condition.GetType().Name),
        };
    }

    private static string Names(ImmutableArray<NameRef> names) => Join(names, n => n.Name);

    private static string Join<T>(ImmutableArray<T> items, Func<T, string> describe) =>
        items.IsDefault ? "" : string.Join(", ", items.Select(describe));
}
