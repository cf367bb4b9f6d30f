using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>
    /// CPU data from a hypervisor's property list (QEMU's <c>query-cpu-model-expansion</c>): every
    /// enabled name that is a map feature or an internal hypervisor feature adds its bits (other names are ignored),
    /// the vendor string fills leaf 0, and family/model/stepping are encoded into leaf 1 EAX.
    /// Names must already be in libvirt's spelling.
    /// </summary>
    public Outcome<CpuData> DataFromProperties(IEnumerable<string> enabledFeatures, string? vendorString, CpuSignature? signature)
    {
        var slots = new List<DataSlot>();
        foreach (var name in enabledFeatures)
        {
            if (Database.FindFeature(name) is { } f)
            {
                slots.AddRange(f.Bits);
            }
            else if (X86HypervisorFeatures.Find(name, Generation) is { } hv)
            {
                slots.Add(hv);
            }
        }

        if (vendorString is { Length: 12 })
        {
            slots.Add(new DataSlot(DataKey.Cpuid(0), CpuidVendor.Encode(vendorString)));
        }

        if (signature is { } s)
        {
            slots.Add(new DataSlot(DataKey.Cpuid(1), new Registers(s.ToEax(), 0, 0, 0)));
        }

        return CpuData.From(slots);
    }

    /// <summary>
    /// libvirt's Encode: the map features a definition asks for under one policy, or with
    /// <paramref name="policy"/> null under all of them (model + forced + required − disabled − forbidden).
    /// </summary>
    public Outcome<FeatureSet> FeaturesOf(CpuDefinition cpu) => DataOf(cpu, PolicySelector.All);

    public Outcome<FeatureSet> FeaturesOf(CpuDefinition cpu, FeaturePolicy? policy) => DataOf(cpu, policy switch
    {
        null => PolicySelector.All,
        FeaturePolicy.Force => PolicySelector.Force,
        FeaturePolicy.Require => PolicySelector.Require,
        FeaturePolicy.Optional => PolicySelector.Optional,
        FeaturePolicy.Disable => PolicySelector.Disable,
        _ => PolicySelector.Forbid,
    });
}
