using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using FsCheck;
using FsCheck.Fluent;

namespace CpuCompat.TestSupport.Generators;

/// <summary>Models, rules, dependencies and pools of a generated declaration set.</summary>
public static partial class RandomDeclarations
{
    private static string ModelName(int i) => i % 2 == 0 ? $"Model{i}" : $"Model{i / 2}-v{i}";

    /// <summary>
    /// Model <paramref name="i"/> may only inherit from a model of lower rank, so ancestors are acyclic whatever the
    /// declaration order (the DSL resolves names anywhere).
    /// </summary>
    private static Gen<ModelDeclaration> Model(ArchFamily arch, int i, int[] ranks, string[] vendors, string[] features)
    {
        var candidates = Enumerable.Range(0, ranks.Length).Where(j => ranks[j] < ranks[i]).Select(ModelName).ToArray();
        var ancestor = candidates.Length == 0
            ? Gen.Constant<string?>(null)
            : Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Gen.Elements(candidates).Select(c => (string?)c)));
        var vendor = vendors.Length == 0
            ? Gen.Constant<string?>(null)
            : Gen.Frequency((1, Gen.Constant<string?>(null)), (1, Gen.Elements(vendors).Select(v => (string?)v)));
        var kinds = Enum.GetValues<ModelFeatureKind>();
        return
            from name in Name(ModelName(i))
            from ancestorName in ancestor
            from ancestorRef in ancestorName is null ? Gen.Constant<NameRef?>(null) : Name(ancestorName).Select(n => (NameRef?)n)
            from vendorName in vendor
            from vendorRef in vendorName is null ? Gen.Constant<NameRef?>(null) : Name(vendorName).Select(n => (NameRef?)n)
            from signatures in arch == ArchFamily.X86 ? Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Signature, n)) : Gen.Constant(Array.Empty<SignatureSyntax>())
            from listed in arch == ArchFamily.X86 ? Pick(features, 8) : Gen.Constant(Array.Empty<string>())
            from listedRefs in Names(listed)
            from listedKinds in Gen.ArrayOf(Gen.Elements(kinds), listed.Length)
            from pvrs in arch switch
            {
                ArchFamily.X86 => Gen.Constant(Array.Empty<PvrSyntax>()),
                ArchFamily.Ppc64 => Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(Pvr(maskRequired: true), n)),
                _ => Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(Pvr(maskRequired: false), n)),
            }
            from flags in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), 3)
            from span in Span
            select new ModelDeclaration(
                arch,
                name,
                ancestorRef,
                vendorRef,
                [.. signatures],
                flags[0],
                flags[1],
                flags[2],
                [.. listedRefs.Select((r, k) => new ModelFeatureRef(r, listedKinds[k]))],
                [.. pvrs],
                span);
    }

    /// <summary>A model is the pure alias of at most one ancestor's; a second pure alias of the same model loses its ancestor.</summary>
    private static IEnumerable<ArchDeclaration> FixAliasConflicts(IEnumerable<ArchDeclaration> declarations)
    {
        var aliased = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in declarations)
        {
            if (d is ModelDeclaration { Ancestor: { } a, Vendor: null } m && m.Signatures.IsEmpty && m.Features.IsEmpty && !aliased.Add(a.Name))
            {
                yield return m with { Ancestor = null };
                continue;
            }

            yield return d;
        }
    }

    private static Gen<ConditionSyntax> Condition(string[] vendors, string[] features, int depth) => Condition(vendors, features, [], depth);

    /// <summary>A condition; with <paramref name="models"/> (pool selectors) also <c>runs MODEL</c> and label tests.</summary>
    private static Gen<ConditionSyntax> Condition(string[] vendors, string[] features, string[] models, int depth)
    {
        var fields = Enum.GetValues<SignatureField>();
        var leaves = new List<Gen<ConditionSyntax>>
        {
            from field in Gen.Elements(fields)
            from op in Gen.Elements(Enum.GetValues<CompareOperator>())
            from value in Gen.Choose(0, 300)
            from span in Span
            select (ConditionSyntax)new CompareCondition(field, op, (uint)value, span),
            from field in Gen.Elements(fields)
            from values in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(v => (uint)v), n))
            from span in Span
            select (ConditionSyntax)new InCondition(field, [.. values], span),
        };
        if (vendors.Length > 0)
        {
            leaves.Add(from vendor in Gen.Elements(vendors) from name in Name(vendor) from span in Span select (ConditionSyntax)new VendorCondition(name, span));
        }

        if (features.Length > 0)
        {
            leaves.Add(
                from picked in Pick(features, 3).Where(p => p.Length > 0)
                from names in Names(picked)
                from span in Span
                select (ConditionSyntax)new HasCondition(names, span));
        }

        if (models.Length > 0)
        {
            leaves.Add(from model in Gen.Elements(models) from name in Name(model) from span in Span select (ConditionSyntax)new RunsCondition(name, span));
            leaves.Add(
                from label in Gen.Elements("cluster", "rack", "zone", "topology.kubernetes.io/zone", "model")
                from labelRef in Name(label)
                from value in Gen.Elements("east", "r1", "", "a \"quoted\" value", "back\\slash", "ünï")
                from negated in ArbMap.Default.GeneratorFor<bool>()
                from span in Span
                select (ConditionSyntax)new LabelCondition(labelRef, value, negated, span));
        }

        var leaf = Gen.OneOf(leaves);
        if (depth == 0)
        {
            return leaf;
        }

        var inner = Condition(vendors, features, models, depth - 1);
        var operands = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(inner, n));
        return Gen.Frequency(
            (3, leaf),
            (1, from o in operands from span in Span select (ConditionSyntax)new AndCondition([.. o], span)),
            (1, from o in operands from span in Span select (ConditionSyntax)new OrCondition([.. o], span)),
            (1, from o in inner from span in Span select (ConditionSyntax)new NotCondition(o, span)));
    }

    private static Gen<RuleDeclaration> Rule(ArchFamily arch, int i, string[] vendors, string[] features) =>
        from name in Name($"rule-{i}")
        from condition in Condition(vendors, features, depth: 3)
        from drop in Pick(features, 3)
        from dropRefs in Names(drop)
        from span in Span
        select new RuleDeclaration(arch, name, condition, dropRefs, span);

    private static Gen<DependencyDeclaration> Dependency(ArchFamily arch, string[] features) =>
        from dependent in Pick(features, 3).Where(p => p.Length > 0)
        from requires in Pick(features, 3)
        from dependentRefs in Names(dependent)
        from requiresRefs in Names(requires)
        from span in Span
        select new DependencyDeclaration(arch, dependentRefs, requiresRefs, span);

    private static Gen<PoolDeclaration> Pool(ArchFamily arch, int i, string[] vendors, string[] features, string[] models) =>
        from name in Name($"pool{i}")
        from forbid in Pick(features, 3)
        from require in Pick(features, 3)
        from prefer in Pick(models, 3)
        from allow in Pick(models, 3)
        from vendor in vendors.Length == 0 ? Gen.Constant<string?>(null) : Gen.Elements(vendors).Select(v => (string?)v)
        from vendorRef in vendor is null ? Gen.Constant<NameRef?>(null) : Name(vendor).Select(n => (NameRef?)n)
        from migratable in ArbMap.Default.GeneratorFor<bool>()
        from forbidRefs in Names(forbid)
        from requireRefs in Names(require.Except(forbid))
        from preferRefs in Names(prefer)
        from allowRefs in Names(allow)
        from selectors in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Condition(vendors, features, models, depth: 2), n))
        from minimum in models.Length == 0 ? Gen.Constant<string?>(null) : Gen.Elements([null, .. models])
        from minimumRef in minimum is null ? Gen.Constant<NameRef?>(null) : Name(minimum).Select(n => (NameRef?)n)
        from span in Span
        select new PoolDeclaration(arch, name, forbidRefs, requireRefs, preferRefs, allowRefs, vendorRef, migratable, span)
        {
            Selectors = [.. selectors],
            Minimum = minimumRef,
        };

    /// <summary>A chain of levels, each on the one before, with random features.</summary>
    private static Gen<ImmutableArray<LevelDeclaration>> Levels(ArchFamily arch, string[] features) =>
        from count in Gen.Choose(0, features.Length == 0 ? 0 : 3)
        from picks in Gen.ArrayOf(Pick(features, 4).Where(p => p.Length > 0), count)
        from names in Gen.CollectToArray(Enumerable.Range(0, count), i => Name($"level-v{i + 1}"))
        from bases in Gen.CollectToArray(Enumerable.Range(0, count), i => i == 0 ? Gen.Constant<NameRef?>(null) : Name($"level-v{i}").Select(n => (NameRef?)n))
        from featureRefs in Gen.CollectToArray(picks, Names)
        from spans in Gen.ArrayOf(Span, count)
        select Enumerable.Range(0, count).Select(i => new LevelDeclaration(arch, names[i], bases[i], featureRefs[i], spans[i])).ToImmutableArray();

    private static Gen<CheckDeclaration> Check(ArchFamily arch, string[] pools, string[] features, string[] models)
    {
        var kinds = new List<Gen<CheckDeclaration>>
        {
            from pool in Gen.Elements(pools) from poolRef in Name(pool) from dir in Gen.Elements<string?>(null, "web", "a \"b\"") from span in Span
            select (CheckDeclaration)new GuestsCheckDeclaration(arch, dir, poolRef, span),
            from pool in Gen.Elements(pools) from poolRef in Name(pool) from span in Span
            select (CheckDeclaration)new DeprecatedCheckDeclaration(arch, poolRef, span),
        };
        if (models.Length > 0)
        {
            kinds.Add(from pool in Gen.Elements(pools) from poolRef in Name(pool) from model in Gen.Elements(models) from modelRef in Name(model) from span in Span
                select (CheckDeclaration)new MinimumCheckDeclaration(arch, poolRef, modelRef, span));
        }

        if (features.Length > 0)
        {
            kinds.Add(from pool in Gen.Elements(pools) from poolRef in Name(pool) from picked in Pick(features, 3).Where(p => p.Length > 0)
                from names in Names(picked) from span in Span
                select (CheckDeclaration)new ExposesCheckDeclaration(arch, poolRef, names, span));
        }

        return Gen.OneOf(kinds);
    }
}
