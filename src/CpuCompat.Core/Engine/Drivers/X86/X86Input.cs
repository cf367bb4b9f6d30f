using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Engine.Drivers.X86;

/// <summary>
/// CPU data as the x86 decoder sees it: the leaf-0 vendor registers, leaf-1 EAX (the signature), and the map
/// features present — completely (<see cref="Features"/>) or at least partly (<see cref="PartialFeatures"/>, which
/// differs only for multi-bit features). Bits that belong to no map feature play no part in decoding.
/// </summary>
internal sealed record X86Input(Registers Leaf0, uint Leaf1Eax, FeatureSet Features, FeatureSet PartialFeatures)
{
    /// <summary>libvirt's masked signature: EAX without the processor-type and reserved bits; 0 means "no signature".</summary>
    public uint MaskedSignature => Leaf1Eax & 0x0FFF3FFF;

    public static X86Input FromData(ArchDatabase db, CpuData data)
    {
        var (full, partial) = db.Locator.Locate(data);
        return new X86Input(data[DataKey.Cpuid(0)], data[DataKey.Cpuid(1)].Eax, full, partial);
    }

    /// <summary>Data made of whole features, an optional vendor and an optional signature (baseline, translate, QEMU properties).</summary>
    public static X86Input FromFeatures(FeatureSet features, VendorDefinition? vendor = null, uint leaf1Eax = 0) =>
        new(vendor?.Leaf0 ?? Registers.Zero, leaf1Eax, features, features);
}
