using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.Language.Tests.TestSupport;

/// <summary>A random list of declarations; printed as their descriptions when a property fails.</summary>
public sealed record DeclarationSet(ImmutableArray<Declaration> Declarations)
{
    public override string ToString() => string.Join("\n", DeclarationText.Describe(Declarations));
}

/// <summary>
/// FsCheck generators for every declaration kind the DSL can express, with awkward names (keywords, digits first,
/// quotes, spaces, backslashes), full-range numbers and nested conditions. Spans are left default.
/// </summary>
public static class DeclarationGenerators
{
    private static readonly string[] RealisticNames =
    [
        "sse4.2", "3dnowext", "486", "486-v1", "vmx-ept", "Opteron_G3", "POWER7+_v2.1", "avx512-vpopcntdq",
        "cpu64-rhel5", "Skylake-Server-noTSX-IBRS", "x86_64", "a", "_", "0x1g", "0x1a", "0007", "model", "feature",
        "alias", "nonmigratable", "compat", "has", "and", "drop", "none", "host",
    ];

    private static readonly char[] NameCharacters =
        [.. "abcxyzABCXYZ0123456789_.+-", ' ', '"', '\\', ':', ';', '#', '{', '(', ',', 'é'];

    public static Arbitrary<DeclarationSet> Sets() => Arb.From(DeclarationList.Select(d => new DeclarationSet(d)));

    public static Gen<ImmutableArray<Declaration>> DeclarationList =>
        Gen.ListOf(Declaration).Select(list => list.ToImmutableArray());

    public static Gen<string> Name => Gen.Frequency(
        (3, Gen.Elements(RealisticNames)),
        (2, Gen.NonEmptyListOf(Gen.Elements(NameCharacters)).Select(cs => new string([.. cs]))));

    private static Gen<NameRef> Ref => Name.Select(n => new NameRef(n, default));

    private static Gen<ImmutableArray<NameRef>> Refs(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ListOf(Ref, n)).Select(l => l.ToImmutableArray());

    private static Gen<uint> UInt => Gen.Choose(0, 0xffff).SelectMany(hi => Gen.Choose(0, 0xffff), (hi, lo) => ((uint)hi << 16) | (uint)lo);

    private static Gen<uint> SmallOrAny => Gen.Frequency((3, Gen.Choose(0, 300).Select(i => (uint)i)), (1, UInt));

    private static Gen<T?> Maybe<T>(Gen<T> gen)
        where T : struct => Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static Gen<string?> MaybeText(Gen<string> gen) => Gen.Frequency((1, Gen.Constant<string?>(null)), (2, gen.Select(s => (string?)s)));

    private static Gen<ArchFamily> Arch => Gen.Elements(ArchFamily.X86, ArchFamily.Ppc64, ArchFamily.Arm);

    private static Gen<Declaration> Declaration => Gen.OneOf(
        Name.Select(v => (Declaration)new CompatDeclaration(v, default)),
        Vendor, Feature, Alias, Model, Rule, Dependency, Pool);

    private static Gen<Declaration> Vendor =>
        from arch in Arch
        from name in Ref
        from s in MaybeText(Name)
        from value in Maybe(UInt)
        select (Declaration)new VendorDeclaration(arch, name, s, value, default);

    private static Gen<FeatureBitsSyntax> Location =>
        from msr in Gen.Elements(false, true)
        from leaf in SmallOrAny
        from subleaf in Gen.Frequency((2, Gen.Constant(0u)), (1, SmallOrAny))
        from eax in UInt
        from ebx in UInt
        from ecx in UInt
        from edx in UInt
        select msr
            ? new FeatureBitsSyntax(DataKey.Msr(leaf), new Registers(eax, 0, 0, edx), default)
            : new FeatureBitsSyntax(DataKey.Cpuid(leaf, subleaf), new Registers(eax, ebx, ecx, edx), default);

    private static Gen<FeatureAliasSyntax> Spelling =>
        from name in Name
        from source in MaybeText(Name)
        select new FeatureAliasSyntax(name, source, default);

    private static Gen<ImmutableArray<T>> Array<T>(Gen<T> gen, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ListOf(gen, n)).Select(l => l.ToImmutableArray());

    private static Gen<Declaration> Feature =>
        from arch in Arch
        from name in Ref
        from bits in Array(Location, 0, 3)
        from migratable in Gen.Elements(true, false)
        from aliases in Array(Spelling, 0, 3)
        select (Declaration)new FeatureDeclaration(arch, name, bits, migratable, aliases, default);

    private static Gen<Declaration> Alias =>
        from arch in Arch
        from feature in Ref
        from aliases in Array(Spelling, 1, 3)
        select (Declaration)new AliasDeclaration(arch, feature, aliases, default);

    private static Gen<SignatureSyntax> Signature =>
        from family in SmallOrAny
        from model in SmallOrAny
        from steppings in Maybe(Gen.Choose(1, 0xffff).Select(s => (ushort)s))
        select new SignatureSyntax(family, model, steppings, default);

    private static Gen<ModelFeatureRef> ModelFeature =>
        from name in Ref
        from kind in Gen.Elements(ModelFeatureKind.Include, ModelFeatureKind.Subtract, ModelFeatureKind.Removed, ModelFeatureKind.Added)
        select new ModelFeatureRef(name, kind);

    private static Gen<PvrSyntax> Pvr =>
        from value in UInt
        from mask in Maybe(UInt)
        select new PvrSyntax(value, mask, default);

    private static Gen<Declaration> Model =>
        from arch in Arch
        from name in Ref
        from ancestor in Maybe(Ref)
        from vendor in Maybe(Ref)
        from signatures in Array(Signature, 0, 3)
        from decode in Gen.Elements((true, true), (true, false), (false, true), (false, false))
        from check in Gen.Elements(false, true)
        from features in Array(ModelFeature, 0, 12)
        from pvrs in Array(Pvr, 0, 2)
        select (Declaration)new ModelDeclaration(arch, name, ancestor, vendor, signatures, decode.Item1, decode.Item2, check, features, pvrs, default);

    private static Gen<Declaration> Rule =>
        from arch in Arch
        from name in Ref
        from condition in Gen.Sized(size => Condition(Math.Min(size / 10, 3)))
        from drop in Refs(1, 3)
        select (Declaration)new RuleDeclaration(arch, name, condition, drop, default);

    private static Gen<ConditionSyntax> Condition(int depth)
    {
        var leaf = Gen.OneOf(
            Ref.Select(v => (ConditionSyntax)new VendorCondition(v, default)),
            from field in Gen.Elements(SignatureField.Family, SignatureField.Model, SignatureField.Stepping)
            from op in Gen.Elements(Enum.GetValues<CompareOperator>())
            from value in SmallOrAny
            select (ConditionSyntax)new CompareCondition(field, op, value, default),
            from field in Gen.Elements(SignatureField.Family, SignatureField.Model, SignatureField.Stepping)
            from values in Array(SmallOrAny, 1, 4)
            select (ConditionSyntax)new InCondition(field, values, default),
            Refs(1, 3).Select(f => (ConditionSyntax)new HasCondition(f, default)));
        if (depth <= 0)
        {
            return leaf;
        }

        var operands = Array(Condition(depth - 1), 2, 3);
        return Gen.OneOf(
            leaf,
            operands.Select(o => (ConditionSyntax)new AndCondition(o, default)),
            operands.Select(o => (ConditionSyntax)new OrCondition(o, default)),
            Condition(depth - 1).Select(o => (ConditionSyntax)new NotCondition(o, default)));
    }

    private static Gen<Declaration> Dependency =>
        from arch in Arch
        from features in Refs(1, 3)
        from requires in Refs(1, 3)
        select (Declaration)new DependencyDeclaration(arch, features, requires, default);

    private static Gen<Declaration> Pool =>
        from arch in Arch
        from name in Ref
        from forbid in Refs(0, 3)
        from require in Refs(0, 3)
        from prefer in Refs(0, 3)
        from allow in Refs(0, 3)
        from vendor in Maybe(Ref)
        from migratable in Gen.Elements(true, false)
        select (Declaration)new PoolDeclaration(arch, name, forbid, require, prefer, allow, vendor, migratable, default);
}
