using System.Collections.Immutable;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Language.Emit;

/// <summary>
/// Writes declarations as DSL text for people to read and edit (how a libvirt cpu_map becomes <c>data/</c>).
/// The contract is the round trip: parsing the text gives back the same declarations, apart from spans and two
/// normalisations the binder cannot tell apart — a multi-register location is written as one location per
/// register, and a model's feature references are grouped as <c>features</c>, <c>removed</c>, <c>added</c>
/// (each group keeps its order). Declarations the language cannot express (an empty rule condition list, a
/// name with a line break, MSR bits outside eax/edx) throw <see cref="ArgumentException"/>: they are a caller's bug.
/// </summary>
public static partial class DslWriter
{
    private const string Indent = "    ";

    /// <summary>One file's text: an <c>arch</c> statement before the first declaration of each architecture run.</summary>
    public static string Write(IEnumerable<Declaration> declarations) => Write(declarations, header: null, arch: null);

    /// <summary>
    /// One file's text, starting with a one-line <c>#</c> <paramref name="header"/> (when given) and, when
    /// <paramref name="arch"/> is given, its <c>arch</c> statement even if the file declares nothing arch-bound.
    /// </summary>
    public static string Write(IEnumerable<Declaration> declarations, string? header, ArchFamily? arch) =>
        Write(declarations, header, arch, _ => null);

    /// <summary>As <see cref="Write(IEnumerable{Declaration}, string?, ArchFamily?)"/>, with a <c>#</c> comment line before the declarations <paramref name="commentFor"/> returns one for.</summary>
    private static string Write(IEnumerable<Declaration> declarations, string? header, ArchFamily? arch, Func<Declaration, string?> commentFor)
    {
        var text = new StringBuilder();
        if (header is not null)
        {
            text.Append("# ").Append(header).Append('\n');
        }

        // Blank lines: after the arch statement, and between declarations unless both are one-line statements
        // of the same kind (a run of features or vendors reads as a table).
        ArchFamily? current = arch;
        var afterArch = false;
        if (arch is { } a)
        {
            text.Append("arch ").Append(ArchNames.DslName(a)).Append(";\n");
            afterArch = true;
        }

        (Type Kind, bool Block)? previous = null;
        foreach (var declaration in declarations)
        {
            if (declaration is ArchDeclaration d && d.Arch != current)
            {
                text.Append(previous is null ? "" : "\n").Append("arch ").Append(ArchNames.DslName(d.Arch)).Append(";\n");
                current = d.Arch;
                afterArch = true;
                previous = null;
            }

            var statement = Statement(declaration);
            var comment = commentFor(declaration);
            var block = statement.Contains('\n', StringComparison.Ordinal);
            if (afterArch || (previous is { } p && (p.Kind != declaration.GetType() || p.Block || block || comment is not null)))
            {
                text.Append('\n');
            }

            if (comment is not null)
            {
                text.Append("# ").Append(comment).Append('\n');
            }

            text.Append(statement).Append('\n');
            previous = (declaration.GetType(), block);
            afterArch = false;
        }

        return text.ToString();
    }

    private static string Statement(Declaration declaration) => declaration switch
    {
        CompatDeclaration c => $"compat libvirt {DslText.Quote(c.LibvirtVersion)};",
        VendorDeclaration v => Vendor(v),
        FeatureDeclaration f => Feature(f),
        AliasDeclaration a => $"alias {DslText.Name(a.Feature.Name)} = {Spellings(a.Aliases, nameof(a.Aliases))};",
        ModelDeclaration m => Model(m),
        RuleDeclaration r => Rule(r),
        DependencyDeclaration d => $"depend {List(d.Features, nameof(d.Features))} -> {List(d.Requires, nameof(d.Requires))};",
        TagDeclaration t => $"tag {DslText.Name(t.Tag.Name)} = {List(t.Features, nameof(t.Features))};",
        LevelDeclaration l => $"level {DslText.Name(l.Name.Name)}{(l.Base is { } b ? " : " + DslText.Name(b.Name) : "")} = {List(l.Features, nameof(l.Features))};",
        PoolDeclaration p => Pool(p),
        CheckDeclaration c => Check(c),
        _ => throw new ArgumentException($"The DSL has no statement for {declaration.GetType().Name}.", nameof(declaration)),
    };

    private static string Vendor(VendorDeclaration v)
    {
        var text = "vendor " + DslText.Name(v.Name.Name);
        if (v.CpuidString is { } s)
        {
            text += " " + DslText.Quote(s);
        }

        if (v.Value is { } value)
        {
            text += " " + DslText.Hex(value);
        }

        return text + ";";
    }

    private static string Feature(FeatureDeclaration f)
    {
        var text = new StringBuilder("feature ").Append(DslText.Name(f.Name.Name));
        var locations = f.Bits.IsDefault ? [] : f.Bits.SelectMany(Locations).ToList();
        if (locations.Count > 0)
        {
            text.Append(" = ").AppendJoin(", ", locations);
        }

        if (!f.Migratable)
        {
            text.Append(" nonmigratable");
        }

        if (!f.Aliases.IsDefaultOrEmpty)
        {
            text.Append(" alias ").Append(Spellings(f.Aliases, nameof(f.Aliases)));
        }

        return text.Append(';').ToString();
    }

    /// <summary>One <c>cpuid(...).reg[bits]</c> or <c>msr(...).reg[bits]</c> per register with bits; zero registers add nothing.</summary>
    private static IEnumerable<string> Locations(FeatureBitsSyntax bits)
    {
        var key = bits.Key;
        var head = key.Kind == DataKind.Msr
            ? $"msr({DslText.Hex(key.Leaf)})"
            : key.Subleaf == 0 ? $"cpuid({DslText.Hex(key.Leaf)})" : $"cpuid({DslText.Hex(key.Leaf)}, {DslText.Hex(key.Subleaf)})";
        string[] registers = ["eax", "ebx", "ecx", "edx"];
        for (var r = 0; r < 4; r++)
        {
            var mask = bits.Mask[r];
            if (mask == 0)
            {
                continue;
            }

            if (key.Kind == DataKind.Msr && r is 1 or 2)
            {
                throw new ArgumentException($"MSR {DslText.Hex(key.Leaf)} has bits in {registers[r]}; an MSR has only eax (bits 0-31) and edx (bits 32-63).", nameof(bits));
            }

            yield return $"{head}.{registers[r]}[{DslText.BitList(mask)}]";
        }
    }

    private static string Spellings(ImmutableArray<FeatureAliasSyntax> aliases, string what)
    {
        if (aliases.IsDefaultOrEmpty)
        {
            throw new ArgumentException("An alias list cannot be empty.", what);
        }

        return string.Join(" ", aliases.Select(a => a.Source is null
            ? DslText.Name(a.Name, inAliasList: true)
            : DslText.Name(a.Source) + ":" + DslText.Name(a.Name)));
    }

    /// <summary>Names separated by ", "; every list the grammar has needs at least one name.</summary>
    private static string List(ImmutableArray<NameRef> names, string what)
    {
        if (names.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"The list '{what}' cannot be empty.", what);
        }

        return string.Join(", ", names.Select(n => DslText.Name(n.Name)));
    }

    private static string Check(CheckDeclaration check) => check switch
    {
        GuestsCheckDeclaration g => $"check guests {(g.Directory is { } dir ? DslText.Quote(dir) + " " : "")}run on {DslText.Name(g.Pool.Name)};",
        MinimumCheckDeclaration m => $"check {DslText.Name(m.Pool.Name)} baseline at least {DslText.Name(m.Model.Name)};",
        DeprecatedCheckDeclaration d => $"check {DslText.Name(d.Pool.Name)} baseline not deprecated;",
        ExposesCheckDeclaration e => $"check no host of {DslText.Name(e.Pool.Name)} has {List(e.Features, nameof(e.Features))};",
        _ => throw new ArgumentException($"The DSL has no statement for {check.GetType().Name}.", nameof(check)),
    };

    private static string Pool(PoolDeclaration p)
    {
        var lines = new List<string>();
        foreach (var selector in p.Selectors.IsDefault ? [] : p.Selectors)
        {
            lines.Add($"select {Condition(selector)};");
        }

        if (p.Vendor is { } vendor)
        {
            lines.Add($"vendor {DslText.Name(vendor.Name)};");
        }

        AddList(lines, "forbid", p.Forbid);
        AddList(lines, "require", p.Require);
        AddList(lines, "prefer", p.Prefer);
        AddList(lines, "allow", p.Allow);
        if (p.Migratable)
        {
            lines.Add("migratable;");
        }

        if (p.Minimum is { } minimum)
        {
            lines.Add($"minimum {DslText.Name(minimum.Name)};");
        }

        var head = $"pool {DslText.Name(p.Name.Name)} {{";
        return lines.Count == 0 ? head + " }" : head + "\n" + string.Concat(lines.Select(l => Indent + l + "\n")) + "}";
    }

    private static void AddList(List<string> lines, string keyword, ImmutableArray<NameRef> names)
    {
        if (!names.IsDefaultOrEmpty)
        {
            lines.Add($"{keyword} {List(names, keyword)};");
        }
    }
}
