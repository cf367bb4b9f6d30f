using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>
    /// UpdateLive: after a guest started, make its CPU definition say what the hypervisor really enabled
    /// (<paramref name="enabled"/>) and disabled (<paramref name="disabled"/>). Returns null when the definition is
    /// neither custom nor checked in full (libvirt's "not applicable"). With <c>check='full'</c> any difference is an error.
    /// </summary>
    public Outcome<CpuDefinition?> UpdateLive(CpuDefinition cpu, CpuData? enabled, CpuData? disabled)
    {
        if (cpu.Mode != CpuMode.Custom && cpu.Check != CpuCheck.Full)
        {
            return (CpuDefinition?)null;
        }

        var passthrough = cpu.Mode is CpuMode.HostPassthrough or CpuMode.Maximum;
        var full = cpu.Check == CpuCheck.Full;
        var v11 = Generation >= LibvirtGeneration.Libvirt11;
        var m = DataOf(cpu, PolicySelector.All);
        var dm = DataOf(cpu, PolicySelector.Disable);
        if (!m.Succeeded)
        {
            return m.Error;
        }

        if (!dm.Succeeded)
        {
            return dm.Error;
        }

        var model = cpu.Model is { } name ? Database.FindModel(name) : null;
        var e = enabled ?? CpuData.Empty;
        var x = disabled ?? CpuData.Empty;
        var extra = new List<string>();
        var missing = new List<string>();

        foreach (var f in Database.Features)
        {
            var inM = m.Value.Contains(f.Id);
            var inDm = dm.Value.Contains(f.Id);
            var expectRequire = inM;
            var expectDisable = !inM && (v11 ? inDm || !passthrough : !passthrough || inDm);
            var inE = Has(e, f);
            var inX = Has(x, f);
            if (v11 && inE && inX)
            {
                return Errors.Invalid($"feature '{f.Name}' is both enabled and disabled by the hypervisor");
            }

            var ignore = v11 && !inM && !inDm && model is not null && model.Added.Contains(f.Id);
            if (expectDisable && inE)
            {
                if (full && !ignore)
                {
                    extra.Add(f.Name);
                }
                else
                {
                    cpu = cpu.WithFeature(f.Name, FeaturePolicy.Require);
                }
            }

            if (inX || (expectRequire && !inE))
            {
                if (full && !ignore)
                {
                    missing.Add(f.Name);
                }
                else
                {
                    cpu = cpu.WithFeature(f.Name, FeaturePolicy.Disable);
                    if (v11)
                    {
                        foreach (var slot in f.Bits)
                        {
                            x = x.Without(slot.Key, slot.Registers);
                        }
                    }
                }
            }
        }

        if (model is not null)
        {
            foreach (var id in model.Removed)
            {
                var removed = Database.Features[id].Name;
                if (cpu.FindFeature(removed) is null)
                {
                    cpu = cpu.WithFeature(removed, FeaturePolicy.Disable);
                }
            }
        }

        if (extra.Count > 0 || missing.Count > 0)
        {
            var parts = new List<string>();
            if (extra.Count > 0)
            {
                parts.Add($"guest CPU has extra features not in the definition: {string.Join(", ", extra)}");
            }

            if (missing.Count > 0)
            {
                parts.Add($"guest CPU lacks features the definition requires: {string.Join(", ", missing)}");
            }

            return Errors.Incompatible(string.Join("; ", parts));
        }

        if (full && !x.IsEmpty)
        {
            return Errors.Incompatible("the hypervisor disabled CPU features the definition does not mention");
        }

        return cpu;
    }

    private static bool Has(CpuData data, FeatureDefinition f)
    {
        foreach (var slot in f.Bits)
        {
            if (!data[slot.Key].Contains(slot.Registers))
            {
                return false;
            }
        }

        return !f.Bits.IsDefaultOrEmpty;
    }
}
