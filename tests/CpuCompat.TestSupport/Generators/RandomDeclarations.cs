using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.TestSupport.Generators;

/// <summary>A generated declaration set that binds without errors.</summary>
public sealed record DeclarationSet(ImmutableArray<Declaration> Declarations)
{
    public override string ToString() => string.Join("\n", Declarations);
}

/// <summary>
/// FsCheck generators of valid declaration sets for every architecture: vendors, features with distinct random bits
/// over CPUID and MSR keys, models with random acyclic ancestors (declared in any order), signatures with stepping
/// masks, removed/added lists, decode flags, PVRs, rules with nested conditions, dependencies, ABI levels, pools with
/// selectors, and checks.
/// Every declaration and name gets a random span, some with an end position.
/// </summary>
public static partial class RandomDeclarations
{
    public static Arbitrary<DeclarationSet> Sets() => Arb.From(SetGen);

    /// <summary>The generators are properties, not fields, so that their order in these partial files does not matter.</summary>
    public static Gen<DeclarationSet> SetGen =>
        from compat in Gen.Elements<string?>(null, "9.0.0", "11.3.0")
        from compatSpan in Span
        from x86 in Section(ArchFamily.X86)
        from ppc in Gen.Frequency((1, Gen.Constant(ImmutableArray<ArchDeclaration>.Empty)), (1, Section(ArchFamily.Ppc64)))
        from arm in Gen.Frequency((1, Gen.Constant(ImmutableArray<ArchDeclaration>.Empty)), (1, Section(ArchFamily.Arm)))
        from order in Gen.Elements(0, 1, 2)
        let sections = order switch
        {
            0 => x86.AddRange(ppc).AddRange(arm),
            1 => arm.AddRange(x86).AddRange(ppc),
            _ => ppc.AddRange(arm).AddRange(x86),
        }
        select new DeclarationSet(compat is null ? [.. sections] : [new CompatDeclaration(compat, compatSpan), .. sections]);

    private static Gen<SourceSpan> Span =>
        from file in Gen.Elements("data/x86/features.cc", "data/models/x86/Haswell.cc", "cpu_map/x86_Skylake-Server.xml", "ü.cc")
        from line in Gen.Choose(1, 100_000)
        from column in Gen.Choose(1, 300)
        from end in Gen.Frequency((2, Gen.Constant((0, 0))), (1, Gen.Choose(0, 5).Zip(Gen.Choose(1, 300))))
        select new SourceSpan(file, line, column, end.Item1 == 0 && end.Item2 == 0 ? 0 : line + end.Item1, end.Item2);

    private static Gen<NameRef> Name(string name) => Span.Select(s => new NameRef(name, s));

    private static Gen<ImmutableArray<NameRef>> Names(IEnumerable<string> names) =>
        Gen.CollectToArray(names, Name).Select(a => a.ToImmutableArray());

    /// <summary>A random subset of <paramref name="items"/> in random order, at most <paramref name="max"/> long.</summary>
    private static Gen<string[]> Pick(string[] items, int max) =>
        items.Length == 0
            ? Gen.Constant(Array.Empty<string>())
            : from shuffled in Gen.Shuffle(items) from n in Gen.Choose(0, Math.Min(max, items.Length)) select shuffled[..n];

    private static readonly DataKey[] Keys =
    [
        DataKey.Cpuid(0x1), DataKey.Cpuid(0x7), DataKey.Cpuid(0x7, 1), DataKey.Cpuid(0xd, 1), DataKey.Cpuid(0x80000001),
        DataKey.Msr(0x10a), DataKey.Msr(0x48f),
    ];

    /// <summary>Every (key, register, bit) a feature can occupy: CPUID keys x 4 registers, MSR keys x eax and edx, x 32 bits.</summary>
    private static readonly (DataKey Key, int Register, int Bit)[] BitUniverse =
        [.. from k in Keys from r in k.Kind == DataKind.Msr ? [0, 3] : Enumerable.Range(0, 4) from b in Enumerable.Range(0, 32) select (k, r, b)];

    private static readonly string[] CpuidStrings = ["GenuineIntel", "AuthenticAMD", "HygonGenuine", "CentaurHauls", "  Shanghai  "];

    private static Gen<ImmutableArray<ArchDeclaration>> Section(ArchFamily arch) =>
        from vendorCount in Gen.Choose(0, arch == ArchFamily.X86 ? CpuidStrings.Length : 3)
        from vendorValues in Gen.ArrayOf(Gen.Choose(0, 255), vendorCount)
        from vendors in Gen.CollectToArray(Enumerable.Range(0, vendorCount), i => Vendor(arch, i, (uint)vendorValues[i]))
        from featureCount in Gen.Choose(0, arch switch { ArchFamily.X86 => 40, ArchFamily.Arm => 12, _ => 0 })
        from bits in Gen.Shuffle(BitUniverse)
        from features in Gen.CollectToArray(Enumerable.Range(0, featureCount), i => Feature(arch, i, bits.AsMemory(i * 3, 3)))
        let featureNames = features.Select(f => f.Name.Name).ToArray()
        from aliases in Gen.Choose(0, featureCount == 0 ? 0 : 3).SelectMany(n =>
            Gen.CollectToArray(Enumerable.Range(0, n), i => Alias(arch, i, featureNames)))
        let vendorNames = vendors.Select(v => v.Name.Name).ToArray()
        from modelCount in Gen.Choose(0, 10)
        from ranks in Gen.Shuffle(Enumerable.Range(0, modelCount))
        from models in Gen.CollectToArray(Enumerable.Range(0, modelCount), i => Model(arch, i, ranks, vendorNames, featureNames))
        let modelNames = models.Select(m => m.Name.Name).ToArray()
        from rules in Gen.Choose(0, 3).SelectMany(n => Gen.CollectToArray(Enumerable.Range(0, n), i => Rule(arch, i, vendorNames, featureNames)))
        from dependencies in Gen.Choose(0, featureCount == 0 ? 0 : 3).SelectMany(n =>
            Gen.CollectToArray(Enumerable.Range(0, n), _ => Dependency(arch, featureNames)))
        from pools in Gen.Choose(0, 2).SelectMany(n => Gen.CollectToArray(Enumerable.Range(0, n), i => Pool(arch, i, vendorNames, featureNames, modelNames)))
        let poolNames = pools.Select(p => p.Name.Name).ToArray()
        from levels in Levels(arch, featureNames)
        from checks in Gen.Choose(0, poolNames.Length == 0 ? 0 : 3).SelectMany(n =>
            Gen.CollectToArray(Enumerable.Range(0, n), _ => Check(arch, poolNames, featureNames, modelNames)))
        from order in Gen.Shuffle(new ArchDeclaration[][] { [.. models], [.. rules], [.. dependencies], [.. pools], [.. aliases], [.. levels], [.. checks] })
        select ImmutableArray.CreateRange<ArchDeclaration>([.. vendors, .. features, .. FixAliasConflicts(order.SelectMany(x => x))]);

    private static Gen<VendorDeclaration> Vendor(ArchFamily arch, int i, uint value) =>
        from name in Name(arch == ArchFamily.X86 ? CpuidStrings[i].Trim() + (i % 2 == 0 ? "" : "-v") : $"vendor{i}")
        from span in Span
        select new VendorDeclaration(arch, name, arch == ArchFamily.X86 ? CpuidStrings[i] : null, arch == ArchFamily.Arm ? value : null, span);

    /// <summary>Up to three of the shuffled bits reserved for feature <paramref name="i"/>; several may share a key (merged).</summary>
    private static Gen<FeatureDeclaration> Feature(ArchFamily arch, int i, ReadOnlyMemory<(DataKey Key, int Register, int Bit)> bits) =>
        from name in Name(i % 3 == 0 ? $"f{i}" : i % 3 == 1 ? $"sse4.{i}" : $"avx512-{i}")
        from bitCount in Gen.Choose(1, 3)
        from bitSpans in Gen.ArrayOf(Span, bitCount)
        from migratable in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from aliasCount in Gen.Choose(0, 2)
        from aliasSources in Gen.ArrayOf(Gen.Elements<string?>(null, "linux", "qemu"), aliasCount)
        from aliasSpans in Gen.ArrayOf(Span, aliasCount)
        from span in Span
        select new FeatureDeclaration(
            arch,
            name,
            arch == ArchFamily.X86
                ? [.. bits.Span[..bitCount].ToArray().Select((b, k) => new FeatureBitsSyntax(b.Key, Registers.Single(b.Register, 1u << b.Bit), bitSpans[k]))]
                : [],
            migratable,
            [.. Enumerable.Range(0, aliasCount).Select(k => new FeatureAliasSyntax($"f{i}_alias{k}", aliasSources[k], aliasSpans[k]))],
            span);

    private static Gen<AliasDeclaration> Alias(ArchFamily arch, int i, string[] features) =>
        from feature in Gen.Elements(features)
        from name in Name(feature)
        from spans in Gen.ArrayOf(Span, 2)
        from span in Span
        select new AliasDeclaration(arch, name, [new FeatureAliasSyntax($"extra{i}", "linux", spans[0]), new FeatureAliasSyntax($"extra{i}b", null, spans[1])], span);

    private static Gen<SignatureSyntax> Signature =>
        from family in Gen.Choose(1, 30)
        from model in Gen.Choose(0, 255)
        from steppings in Gen.Frequency((1, Gen.Constant<ushort?>(null)), (2, Gen.Choose(0, 0xFFFF).Select(s => (ushort?)s)))
        from span in Span
        select new SignatureSyntax((uint)family, (uint)model, steppings, span);

    private static Gen<PvrSyntax> Pvr(bool maskRequired) =>
        from value in RandomUInt
        from mask in maskRequired ? RandomUInt.Select(m => (uint?)m) : Gen.Frequency((1, Gen.Constant<uint?>(null)), (1, RandomUInt.Select(m => (uint?)m)))
        from span in Span
        select new PvrSyntax(value, mask, span);

    private static Gen<uint> RandomUInt => Gen.Choose(int.MinValue, int.MaxValue).Select(v => (uint)v);
}
