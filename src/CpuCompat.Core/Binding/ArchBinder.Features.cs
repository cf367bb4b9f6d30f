using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Binding;

internal sealed partial class ArchBinder
{
    private bool _reportedTooMany;

    private void BindFeatures()
    {
        // Which feature owns each bit, per key and register, to catch features that share bits.
        var owners = new Dictionary<(DataKey Key, int Register, int Bit), int>();
        foreach (var (index, f) in Items<FeatureDeclaration>())
        {
            if (_arch == ArchFamily.Ppc64)
            {
                _diagnostics.Add(BindingDiagnostics.NotForArch(f.Span, "a feature", _arch));
                continue;
            }

            if (_arch == ArchFamily.X86 && f.Bits.IsDefaultOrEmpty)
            {
                _diagnostics.Add(BindingDiagnostics.NoBits(f.Name.Span, f.Name.Name));
                continue;
            }

            if (_arch == ArchFamily.Arm && !f.Bits.IsDefaultOrEmpty)
            {
                _diagnostics.Add(BindingDiagnostics.NotForArch(f.Bits[0].Span, "a CPUID or MSR location", _arch));
                continue;
            }

            var id = _features.Count;
            if (id >= FeatureSet.Capacity)
            {
                // Report once; later references to the names left out are not reported again (id -1).
                if (_featureNames.TryAdd(f.Name.Name, new Entry(-1, index, f.Name.Span)) && id == FeatureSet.Capacity && !_reportedTooMany)
                {
                    _reportedTooMany = true;
                    _diagnostics.Add(BindingDiagnostics.TooMany(f.Name.Span, _arch, Items<FeatureDeclaration>().Count()));
                }

                continue;
            }

            var msr = f.Bits.IsDefault ? null : f.Bits.FirstOrDefault(b => b.Key.Kind == DataKind.Msr && (b.Mask.Ebx | b.Mask.Ecx) != 0);
            if (msr is not null)
            {
                _diagnostics.Add(BindingDiagnostics.MsrBits(msr.Span, f.Name.Name));
                continue;
            }

            var bits = MergeBits(f.Bits);
            if (_arch == ArchFamily.X86 && bits.IsEmpty)
            {
                _diagnostics.Add(BindingDiagnostics.NoBits(f.Name.Span, f.Name.Name));
                continue;
            }

            if (!Declare(_featureNames, "feature", f.Name, id, index))
            {
                continue;
            }

            foreach (var slot in bits)
            {
                for (var register = 0; register < 4; register++)
                {
                    var mask = slot.Registers[register];
                    for (var bit = 0; bit < 32; bit++)
                    {
                        if ((mask & (1u << bit)) != 0 && !owners.TryAdd((slot.Key, register, bit), id))
                        {
                            var other = _features[owners[(slot.Key, register, bit)]].Name;
                            _diagnostics.Add(BindingDiagnostics.SharedBits(f.Name.Span, f.Name.Name, other, slot.Key));
                            goto nextSlot;
                        }
                    }
                }

            nextSlot:;
            }

            var aliases = f.Aliases.IsDefault ? [] : f.Aliases.Select(a => new FeatureAlias(a.Name, a.Source)).ToImmutableArray();
            _features.Add(new FeatureDefinition(id, f.Name.Name, bits, f.Migratable, aliases, f.Span));
        }

        foreach (var (index, a) in Items<AliasDeclaration>())
        {
            if (ResolveFeature(a.Feature, index) is { } id)
            {
                var feature = _features[id];
                var extra = a.Aliases.Select(x => new FeatureAlias(x.Name, x.Source)).Where(x => !feature.Aliases.Contains(x));
                _features[id] = feature with { Aliases = feature.Aliases.AddRange(extra) };
            }
        }

        BindTags();
    }

    private void BindTags()
    {
        foreach (var (index, t) in Items<TagDeclaration>())
        {
            foreach (var name in t.Features)
            {
                if (ResolveFeature(name, index) is { } id && !_features[id].Tags.Contains(t.Tag.Name))
                {
                    _features[id] = _features[id] with { Tags = _features[id].Tags.Add(t.Tag.Name) };
                }
            }
        }
    }

    /// <summary>OR-merges items with the same key and sorts them, as libvirt stores feature data.</summary>
    private static ImmutableArray<DataSlot> MergeBits(ImmutableArray<FeatureBitsSyntax> items)
    {
        if (items.IsDefaultOrEmpty)
        {
            return [];
        }

        var merged = new SortedDictionary<DataKey, Registers>();
        foreach (var item in items)
        {
            merged[item.Key] = merged.TryGetValue(item.Key, out var r) ? r.Or(item.Mask) : item.Mask;
        }

        return [.. merged.Where(kv => !kv.Value.IsZero).Select(kv => new DataSlot(kv.Key, kv.Value))];
    }
}
