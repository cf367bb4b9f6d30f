using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Binding;

internal sealed partial class ArchBinder
{
    private void BindModels()
    {
        // Pass 1: names and ids, in declaration order (= map order).
        var declared = new List<(int Index, ModelDeclaration Declaration)>();
        foreach (var (index, m) in Items<ModelDeclaration>())
        {
            if (Declare(_modelNames, "model", m.Name, declared.Count, index))
            {
                declared.Add((index, m));
            }
        }

        // Pass 2: ancestors, then every model after its ancestor (depth-first), reporting cycles.
        var ancestors = new int?[declared.Count];
        for (var id = 0; id < declared.Count; id++)
        {
            var (index, m) = declared[id];
            if (m.Ancestor is { } a)
            {
                ancestors[id] = ResolveModel(a, index);
            }
        }

        var built = new ModelDefinition?[declared.Count];
        var state = new byte[declared.Count]; // 0 unvisited, 1 in progress, 2 done
        for (var id = 0; id < declared.Count; id++)
        {
            Visit(id);
        }

        void Visit(int id)
        {
            if (state[id] == 2)
            {
                return;
            }

            if (state[id] == 1)
            {
                var chain = new List<string> { declared[id].Declaration.Name.Name };
                for (var at = ancestors[id]; at is { } next && chain.Count <= declared.Count; at = ancestors[next])
                {
                    chain.Add(declared[next].Declaration.Name.Name);
                    if (next == id)
                    {
                        break;
                    }
                }

                _diagnostics.Add(BindingDiagnostics.Cycle(declared[id].Declaration.Ancestor!.Value.Span, chain));
                ancestors[id] = null;
                return;
            }

            state[id] = 1;
            if (ancestors[id] is { } parent)
            {
                Visit(parent);
            }

            state[id] = 2;
            built[id] = BuildModel(id, declared[id].Index, declared[id].Declaration, ancestors[id] is { } p ? built[p] : null);
        }

        _models = [.. AssignCanonicalNames(built!)];
    }

    private ModelDefinition BuildModel(int id, int index, ModelDeclaration m, ModelDefinition? ancestor)
    {
        CheckModelShape(m);

        var vendor = ancestor?.VendorId;
        if (m.Vendor is { } v)
        {
            vendor = ResolveVendor(v, index);
        }

        foreach (var s in m.Signatures.Where(s => s.Family == 0))
        {
            _diagnostics.Add(BindingDiagnostics.ZeroFamily(s.Span));
        }

        var signatures = m.Signatures.IsDefaultOrEmpty
            ? ancestor?.Signatures ?? []
            : m.Signatures.Select(s => new ModelSignature(s.Family, s.Model, s.Steppings)).ToImmutableArray();
        var pvrs = m.Pvrs.IsDefaultOrEmpty
            ? ancestor?.Pvrs ?? []
            : m.Pvrs.Select(p => new PvrPattern(p.Value, p.Mask)).ToImmutableArray();

        if (_arch != ArchFamily.X86 && pvrs.IsEmpty)
        {
            _diagnostics.Add(BindingDiagnostics.NoPvr(m.Name.Span, m.Name.Name, _arch));
        }

        var data = ancestor?.Features ?? FeatureSet.Empty;
        if (ancestor is not null && _generation >= LibvirtGeneration.Libvirt11)
        {
            // 11.x: the ancestor's removed features are taken out of the copied data.
            data = data.Except(FeatureSet.Of(ancestor.Removed));
        }

        var own = FeatureSet.Empty;
        var subtracted = FeatureSet.Empty;
        var removed = ImmutableArray.CreateBuilder<int>();
        var added = ImmutableArray.CreateBuilder<int>();
        var mentioned = new HashSet<int>();
        foreach (var reference in m.Features.IsDefault ? [] : m.Features)
        {
            if (ResolveFeature(reference.Feature, index) is not { } feature)
            {
                continue;
            }

            if (!mentioned.Add(feature))
            {
                _diagnostics.Add(BindingDiagnostics.ListedTwice(reference.Feature.Span, reference.Feature.Name, m.Name.Name));
            }

            // libvirt 9 knows neither added='yes' nor <check>: an added feature is an ordinary one there.
            var kind = reference.Kind == ModelFeatureKind.Added && _generation < LibvirtGeneration.Libvirt11 ? ModelFeatureKind.Include : reference.Kind;
            switch (kind)
            {
                case ModelFeatureKind.Include: own = own.With(feature); break;
                case ModelFeatureKind.Subtract: subtracted = subtracted.With(feature); break;
                case ModelFeatureKind.Removed: removed.Add(feature); break;
                default: added.Add(feature); break;
            }
        }

        var isAlias = _generation >= LibvirtGeneration.Libvirt11 && ancestor is not null
            && m.Signatures.IsDefaultOrEmpty && m.Vendor is null && m.Features.IsDefaultOrEmpty;

        return new ModelDefinition
        {
            Id = id,
            Name = m.Name.Name,
            VendorId = vendor,
            Signatures = signatures,
            DecodeHost = m.DecodeHost,
            DecodeGuest = m.DecodeGuest,
            CompatCheck = m.CompatCheck && _generation >= LibvirtGeneration.Libvirt11,
            AncestorId = ancestor?.Id,
            IsAlias = isAlias,
            Features = (data | own).Except(subtracted),
            OwnFeatures = own,
            SubtractedFeatures = subtracted,
            Removed = removed.ToImmutable(),
            Added = added.ToImmutable(),
            Pvrs = pvrs,
            Span = m.Span,
        };
    }

    /// <summary>Reports parts of a model its architecture cannot have.</summary>
    private void CheckModelShape(ModelDeclaration m)
    {
        if (_arch == ArchFamily.X86)
        {
            if (!m.Pvrs.IsDefaultOrEmpty)
            {
                _diagnostics.Add(BindingDiagnostics.NotForArch(m.Pvrs[0].Span, "a pvr", _arch));
            }

            return;
        }

        if (!m.Signatures.IsDefaultOrEmpty)
        {
            _diagnostics.Add(BindingDiagnostics.NotForArch(m.Signatures[0].Span, "a CPUID signature", _arch));
        }

        if (!m.Features.IsDefaultOrEmpty)
        {
            _diagnostics.Add(BindingDiagnostics.NotForArch(m.Features[0].Feature.Span, "a model feature list", _arch));
        }

        if (_arch == ArchFamily.Ppc64)
        {
            foreach (var p in m.Pvrs.IsDefault ? [] : m.Pvrs.Where(p => p.Mask is null))
            {
                _diagnostics.Add(BindingDiagnostics.NoPvrMask(p.Span, m.Name.Name));
            }
        }
    }

    /// <summary>11.x: a pure alias gives its ancestor a canonical name; a model can have only one.</summary>
    private IEnumerable<ModelDefinition> AssignCanonicalNames(ModelDefinition[] models)
    {
        var canonical = new string?[models.Length];
        foreach (var alias in models.Where(m => m.IsAlias))
        {
            var target = alias.AncestorId!.Value;
            if (canonical[target] is { } existing)
            {
                _diagnostics.Add(BindingDiagnostics.CanonicalConflict(alias.Span, alias.Name, models[target].Name, existing));
                continue;
            }

            canonical[target] = alias.Name;
        }

        return models.Select((m, i) => canonical[i] is { } c ? m with { CanonicalName = c } : m);
    }
}
