using System.Globalization;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Engine.Drivers.Ppc64;

/// <summary>
/// libvirt's ppc64 driver: models without features, compared by name, with POWER compatibility
/// modes for host-model guests and a few legacy model names.
/// </summary>
public sealed class Ppc64Driver(ArchDatabase database) : ICpuDriver
{
    public ArchFamily Family => ArchFamily.Ppc64;

    public ArchDatabase Database { get; } = database;

    /// <summary>Legacy names: <c>POWER7_v2.1</c>, <c>POWER7_v2.3</c>, <c>POWER7+_v2.1</c>, <c>POWER8_v1.0</c> become their first six characters.</summary>
    public CpuDefinition ConvertLegacy(CpuDefinition cpu) =>
        cpu.Model is "POWER7_v2.1" or "POWER7_v2.3" or "POWER7+_v2.1" or "POWER8_v1.0" ? cpu with { Model = cpu.Model[..6] } : cpu;

    public Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible)
    {
        if (host?.Model is null)
        {
            return failIncompatible ? Errors.Incompatible("unknown host CPU") : CompareOutcome.IncompatibleBecause("unknown host CPU");
        }

        cpu = ConvertLegacy(cpu);
        if (cpu.Arch is { } arch && arch is not ("ppc64" or "ppc64le"))
        {
            return Verdict(CompareOutcome.IncompatibleBecause($"CPU arch {arch} does not match host arch"), failIncompatible);
        }

        if (cpu.Vendor is { } vendor && host.Vendor != vendor)
        {
            return Verdict(CompareOutcome.IncompatibleBecause($"host CPU vendor does not match required CPU vendor {vendor}"), failIncompatible);
        }

        if (Database.FindModel(host.Model) is null)
        {
            return UnknownModel(host.Model);
        }

        string guestModel;
        if (cpu.Type == CpuType.Guest && cpu.Mode == CpuMode.HostModel)
        {
            if (cpu.Model is { } compat)
            {
                var hostLevel = Level(host.Model, "POWER");
                if (hostLevel is null)
                {
                    return Errors.Invalid("host CPU does not support compatibility modes");
                }

                var guestLevel = Level(compat, "power");
                if (guestLevel is null)
                {
                    return Errors.Invalid($"unknown compatibility mode {compat}");
                }

                if (guestLevel > hostLevel)
                {
                    return Verdict(CompareOutcome.IncompatibleBecause($"host CPU does not support compatibility mode {compat}"), failIncompatible);
                }
            }

            guestModel = host.Model;
        }
        else if (cpu.Type == CpuType.Guest && cpu.Mode is CpuMode.HostPassthrough or CpuMode.Maximum)
        {
            guestModel = host.Model;
        }
        else
        {
            if (cpu.Model is null)
            {
                return Errors.Invalid("no guest CPU model specified");
            }

            if (Database.FindModel(cpu.Model) is null)
            {
                return UnknownModel(cpu.Model);
            }

            guestModel = cpu.Model;
        }

        return guestModel == host.Model
            ? CompareOutcome.Identical
            : Verdict(CompareOutcome.IncompatibleBecause($"host CPU model {host.Model} does not match required CPU model {guestModel}"), failIncompatible);
    }

    public Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, AllowedModels? allowed, IReadOnlyList<string>? featureFilter, bool migratable, IReadOnlyList<string>? preferred = null)
    {
        var modelName = cpus[0].Model!;
        if (Database.FindModel(modelName) is not { } model)
        {
            return UnknownModel(modelName).About(0);
        }

        var modelVendor = model.VendorId is { } mv ? Database.Vendors[mv].Name : null;
        string? vendor = null;
        for (var i = 0; i < cpus.Count; i++)
        {
            var cpu = cpus[i];
            if (cpu.Model != modelName)
            {
                return Errors.Invalid("CPUs are incompatible").About(i);
            }

            if (cpu.Vendor is not { } v)
            {
                continue;
            }

            if (Database.FindVendor(v) is null)
            {
                return Errors.UnknownName($"unknown CPU vendor '{v}'{NameSuggester.Hint(v, Database.VendorNames)}").About(i);
            }

            if (modelVendor is not null)
            {
                if (v != modelVendor)
                {
                    return Errors.Invalid($"CPU vendor {v} of model {modelName} differs from the vendor of the model, {modelVendor}").About(i);
                }
            }
            else if (vendor is null)
            {
                vendor = v;
            }
            else if (vendor != v)
            {
                return Errors.Invalid("CPU vendors do not match").About(i);
            }
        }

        return CpuDefinition.NewGuest() with
        {
            Match = CpuMatch.Exact,
            Fallback = CpuFallback.Forbid,
            Model = modelName,
            Vendor = modelVendor is null ? vendor : null,
        };
    }

    /// <summary>Update: only custom guests change (match exact); legacy names are kept.</summary>
    public Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, bool relative, FeaturePolicy removedPolicy) =>
        guest.Mode == CpuMode.Custom ? guest with { Match = CpuMatch.Exact } : guest;

    public Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels allowed) =>
        Errors.Unsupported($"cannot translate CPU model {cpu.Model} to a supported model on ppc64");

    /// <summary>libvirt's ppc64 driver has no expansion step; the generic layer only sorts the (empty) list.</summary>
    public Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu) => cpu;

    public CpuDefinition CopyMigratable(CpuDefinition cpu) => cpu;

    public Outcome<bool> HasFeature(CpuDefinition cpu, string feature) => Errors.Unsupported("feature checks are not supported on ppc64");

    public Outcome<Unit> ValidateFeatures(CpuDefinition cpu) => default(Unit);

    /// <summary>Decode by PVR: the first model (map order) with a matching PVR, if allowed.</summary>
    public Outcome<CpuDefinition> Decode(uint pvr, AllowedModels? allowed)
    {
        var model = Database.Models.FirstOrDefault(m => m.Pvrs.Any(p => (pvr & (p.Mask ?? 0xFFFFFFFF)) == p.Value));
        if (model is null)
        {
            return Errors.NoModel($"missing the definition of this model (PVR 0x{pvr:x8})");
        }

        if (allowed is not null && !allowed.Contains(model.Name))
        {
            return Errors.NoModel($"CPU model {model.Name} is not supported by hypervisor");
        }

        return CpuDefinition.NewHost("ppc64") with
        {
            Model = model.Name,
            Vendor = model.VendorId is { } v ? Database.Vendors[v].Name : null,
        };
    }

    /// <summary>The number after <paramref name="prefix"/> when it is 6..10 and nothing follows it, else null.</summary>
    private static int? Level(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return n is >= 6 and <= 10 ? n : null;
    }

    private CpuError UnknownModel(string name) =>
        Errors.UnknownName($"unknown CPU model '{name}'{NameSuggester.Hint(name, Database.ModelNames)}");

    private static Outcome<CompareOutcome> Verdict(CompareOutcome outcome, bool failIncompatible) =>
        failIncompatible && outcome.Result == CompareResult.Incompatible
            ? Errors.Incompatible($"the CPU is incompatible with host CPU: {outcome.Message}")
            : outcome;
}
