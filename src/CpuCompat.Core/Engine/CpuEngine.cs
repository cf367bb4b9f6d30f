using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Engine.Drivers.Arm;
using CpuCompat.Core.Engine.Drivers.Ppc64;
using CpuCompat.Core.Engine.Drivers.S390;
using CpuCompat.Core.Engine.Drivers.X86;

namespace CpuCompat.Core.Engine;

/// <summary>
/// The generic layer of the CPU algorithms (libvirt's <c>cpu.c</c>): picks the architecture driver, does the
/// checks every architecture shares, and calls the driver. Immutable; one per database.
/// </summary>
public sealed partial class CpuEngine
{
    private readonly X86Driver? _x86;
    private readonly Ppc64Driver? _ppc64;
    private readonly ArmDriver? _arm;
    private readonly S390Driver _s390 = new();

    public CpuEngine(CpuDatabase database)
    {
        Database = database;
        _x86 = database.X86 is { } x86 ? new X86Driver(x86, database.Generation) : null;
        _ppc64 = database.Ppc64 is { } ppc ? new Ppc64Driver(ppc) : null;
        _arm = database.Arm is { } arm ? new ArmDriver(arm) : null;
    }

    public CpuDatabase Database { get; }

    /// <summary>The driver of an architecture family; null when the database has no section for it (s390 needs none).</summary>
    public ICpuDriver? DriverFor(ArchFamily family) => family switch
    {
        ArchFamily.X86 => _x86,
        ArchFamily.Ppc64 => _ppc64,
        ArchFamily.Arm => _arm,
        _ => _s390,
    };

    /// <summary>
    /// The architecture family of a definition: its <c>arch</c> if it has one, else the family whose database knows
    /// its model (guest definitions carry no arch), else x86.
    /// </summary>
    public ArchFamily FamilyOf(CpuDefinition cpu)
    {
        if (cpu.Arch is { } arch && ArchNames.FamilyOf(arch) is { } family)
        {
            return family;
        }

        if (cpu.Model is { } model)
        {
            foreach (var db in Database.Architectures)
            {
                if (db.FindModel(model) is not null)
                {
                    return db.Family;
                }
            }

            // ppc64 legacy names (POWER7_v2.3) are not in the map but belong to ppc64.
            if (_ppc64 is not null && _ppc64.ConvertLegacy(cpu).Model != model)
            {
                return ArchFamily.Ppc64;
            }
        }

        return ArchFamily.X86;
    }

    /// <summary>
    /// The driver for a definition's architecture (<see cref="FamilyOf"/>), or for <paramref name="family"/> when the
    /// caller knows it better (a guest has no arch; libvirt uses the domain's, which is the host's).
    /// </summary>
    private Outcome<ICpuDriver> Driver(CpuDefinition cpu, string what, ArchFamily? family = null)
    {
        if (family is null && cpu.Arch is { } arch && ArchNames.FamilyOf(arch) is null)
        {
            return Errors.Unsupported($"cannot {what} CPUs of architecture {arch}");
        }

        family ??= FamilyOf(cpu);
        return DriverFor(family.Value) is { } driver
            ? Outcome<ICpuDriver>.From(driver)
            : Errors.Unsupported($"the database has no {ArchNames.DslName(family.Value)} models, so it cannot {what} such CPUs");
    }

    /// <summary>Compare <paramref name="cpu"/> with the host CPU, dispatching on the host's architecture.</summary>
    public Outcome<CompareOutcome> Compare(CpuDefinition? host, CpuDefinition cpu, bool failIncompatible = false) =>
        Driver(host ?? cpu, "compare").Then(d => d.Compare(host, cpu, failIncompatible));

    /// <summary>
    /// The baseline of <paramref name="cpus"/>: at least one CPU, every one with a model; with
    /// <paramref name="expandFeatures"/> the result lists every feature, sorted by name.
    /// </summary>
    public Outcome<CpuDefinition> Baseline(
        IReadOnlyList<CpuDefinition> cpus,
        AllowedModels? allowed = null,
        IReadOnlyList<string>? featureFilter = null,
        bool migratable = false,
        bool expandFeatures = false,
        IReadOnlyList<string>? preferred = null)
    {
        if (cpus.Count == 0)
        {
            return Errors.Invalid("no CPUs given");
        }

        for (var i = 0; i < cpus.Count; i++)
        {
            if (cpus[i].Model is null)
            {
                return Errors.Invalid($"no CPU model specified for CPU {i + 1}").About(i);
            }
        }

        var driver = Driver(cpus[0], "compute the baseline of");
        if (!driver.Succeeded)
        {
            return driver.Error.About(0);
        }

        // The result is a guest CPU without an arch: expand it with the baseline's own driver.
        var result = driver.Value.Baseline(cpus, allowed, featureFilter, migratable, preferred);
        return expandFeatures ? result.Then(cpu => ExpandFeatures(cpu, driver.Value.Family)) : result;
    }

    /// <summary>
    /// Update a guest CPU against the host CPU: host-passthrough and maximum stay as they are;
    /// host-model, minimum-match and guests with optional features are resolved relative to the host.
    /// </summary>
    public Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition? host, FeaturePolicy removedPolicy = FeaturePolicy.Disable)
    {
        if (guest.Mode is CpuMode.HostPassthrough or CpuMode.Maximum)
        {
            return guest;
        }

        var relative = guest.Mode == CpuMode.HostModel
            || (guest.Mode == CpuMode.Custom && (guest.Match == CpuMatch.Minimum || guest.Features.Any(f => f.Policy == FeaturePolicy.Optional)));
        return Driver(host ?? guest, "update").Then(d => d.Update(guest, host, relative, removedPolicy));
    }

    /// <summary>Translate a CPU whose model is not in <paramref name="allowed"/> to one that is.</summary>
    public Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels? allowed, ArchFamily? family = null)
    {
        if (cpu.Mode is CpuMode.HostModel or CpuMode.HostPassthrough or CpuMode.Maximum
            || allowed is null || cpu.Model is null || allowed.Contains(cpu.Model))
        {
            return cpu;
        }

        if (cpu.Fallback != CpuFallback.Allow)
        {
            return Errors.NoModel($"CPU model {cpu.Model} is not supported by hypervisor");
        }

        return Driver(cpu, "translate", family).Then(d => d.Translate(cpu, allowed));
    }

    /// <summary>List every feature of the CPU's model and its own features, sorted by name (byte-wise).</summary>
    public Outcome<CpuDefinition> ExpandFeatures(CpuDefinition cpu, ArchFamily? family = null) =>
        Driver(cpu, "expand", family).Then(d => d.ExpandFeatures(cpu)).Select(expanded =>
            expanded with { Features = [.. expanded.Features.OrderBy(f => f.Name, StringComparer.Ordinal)] });

    public CpuDefinition CopyMigratable(CpuDefinition cpu) =>
        Driver(cpu, "copy").TryGetValue(out var d) ? d.CopyMigratable(cpu) : cpu;

    public Outcome<bool> HasFeature(CpuDefinition cpu, string feature) => Driver(cpu, "check features of").Then(d => d.HasFeature(cpu, feature));

    /// <summary>Every feature name is known to the architecture's driver (<paramref name="family"/>: the host's, when known).</summary>
    public Outcome<Unit> ValidateFeatures(CpuDefinition cpu, ArchFamily? family = null) => Driver(cpu, "validate", family).Then(d => d.ValidateFeatures(cpu));

    /// <summary>The architecture family of a host CPU; an error when it is an architecture without a CPU driver (libvirt's ia64, s390x here).</summary>
    public Outcome<ArchFamily> HostFamily(CpuDefinition host) =>
        host.Arch is { } arch && ArchNames.FamilyOf(arch) is null
            ? Errors.Unsupported($"no CPU driver for architecture {arch}")
            : FamilyOf(host);

    /// <summary>The features a definition stands for (model and own features, minus disabled ones), as a set over its family's features.</summary>
    public Outcome<Features.FeatureSet> FeaturesOf(CpuDefinition cpu, ArchFamily? family = null) => Driver(cpu, "list the features of", family).Then(d => d.FeaturesOf(cpu));

    public CpuDefinition ConvertLegacy(CpuDefinition cpu) =>
        Driver(cpu, "convert").TryGetValue(out var d) ? d.ConvertLegacy(cpu) : cpu;
}
