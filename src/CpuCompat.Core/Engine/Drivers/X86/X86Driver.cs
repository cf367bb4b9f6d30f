using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Core.Engine.Drivers.X86;

/// <summary>
/// libvirt's x86 CPU driver over a compiled database: compare, decode, baseline, update, translate, expand and
/// the feature checks, each in its own partial file. Stateless apart from the immutable database.
/// </summary>
public sealed partial class X86Driver : ICpuDriver
{
    /// <summary>Built on first use: its tables (each model's set, each feature's entries) serve decoding alone, which compare never does.</summary>
    private readonly Lazy<X86Decoder> _decoder;

    public X86Driver(ArchDatabase database, LibvirtGeneration generation)
    {
        Database = database;
        Generation = generation;
        _decoder = new Lazy<X86Decoder>(() => new X86Decoder(database));
    }

    public ArchFamily Family => ArchFamily.X86;

    public ArchDatabase Database { get; }

    public LibvirtGeneration Generation { get; }

    public Outcome<CpuDefinition> Decode(DecodeRequest request) => _decoder.Value.Decode(new X86DecodeRequest(request.Stub, Input(request.Data))
    {
        Allowed = request.Allowed,
        Migratable = request.Migratable,
        Trace = request.Trace,
    });

    /// <summary>Decode located features (baseline and translate decode feature sets, not raw data).</summary>
    internal Outcome<CpuDefinition> Decode(X86DecodeRequest request) => _decoder.Value.Decode(request);

    /// <summary>The map features raw data announces, as the decoder reads them.</summary>
    internal X86Input Input(CpuData data) => X86Input.FromData(Database, data);

    /// <summary>The vendor announced by leaf-0 registers, if the map knows it.</summary>
    public VendorDefinition? DetectVendor(Registers leaf0) => _decoder.Value.DetectVendor(leaf0);

    public CpuDefinition CopyMigratable(CpuDefinition cpu) =>
        cpu with { Features = [.. cpu.Features.Where(f => Database.FindFeature(f.Name) is not { Migratable: false })] };

    public Outcome<Unit> ValidateFeatures(CpuDefinition cpu)
    {
        foreach (var f in cpu.Features)
        {
            if (Database.FindFeature(f.Name) is null)
            {
                return X86Messages.UnknownFeature(Database, f.Name);
            }
        }

        return default(Unit);
    }

    public CpuDefinition ConvertLegacy(CpuDefinition cpu) => cpu;

    public Outcome<bool> HasFeature(CpuDefinition cpu, string feature) =>
        X86FeatureData.Of(Database, cpu, PolicySelector.All).Then(data => HasFeature(data, feature));

    /// <summary>Whether feature data contains a map feature or internal hypervisor feature; unknown names are an error.</summary>
    public Outcome<bool> HasFeature(Features.FeatureSet data, string feature)
    {
        if (Database.FindFeature(feature) is { } f)
        {
            return data.Contains(f.Id);
        }

        // Feature data built from definitions never holds the hypervisor-internal bits.
        return X86HypervisorFeatures.Find(feature, Generation) is not null ? false : X86Messages.UnknownFeature(Database, feature);
    }

    /// <summary>Whether raw CPU data has a feature (map or hypervisor-internal); unknown names are an error.</summary>
    public Outcome<bool> HasFeature(CpuData data, string feature)
    {
        if (Database.FindFeature(feature) is { } f)
        {
            return f.Bits.All(b => data[b.Key].Contains(b.Registers));
        }

        return X86HypervisorFeatures.Find(feature, Generation) is { } slot
            ? data[slot.Key].Contains(slot.Registers)
            : X86Messages.UnknownFeature(Database, feature);
    }

    /// <summary>
    /// The CPUID bits of a KVM/Hyper-V feature libvirt's x86 driver knows by name without a map entry
    /// (e.g. <c>hv-synic</c>), or null.
    /// </summary>
    public DataSlot? FindHypervisorFeature(string name) => X86HypervisorFeatures.Find(name, Generation);

    /// <summary>A map feature or internal hypervisor feature of this name exists (libvirt's lookup for optional features).</summary>
    internal bool IsKnownFeature(string name) =>
        Database.FindFeature(name) is not null || X86HypervisorFeatures.Find(name, Generation) is not null;

    /// <summary>The features a definition asks for under one policy, or under all of them (<see cref="X86FeatureData"/>).</summary>
    internal Outcome<Features.FeatureSet> DataOf(CpuDefinition cpu, PolicySelector selector) => X86FeatureData.Of(Database, cpu, selector);
}
