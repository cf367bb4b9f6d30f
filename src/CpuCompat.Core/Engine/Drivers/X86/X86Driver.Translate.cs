using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers.X86;

public sealed partial class X86Driver
{
    /// <summary>
    /// Translate (x86 part): decode the CPU's own data, with its model's vendor and first signature, among the
    /// allowed models; then re-apply the CPU's features in order. The CPU keeps its own vendor.
    /// </summary>
    public Outcome<CpuDefinition> Translate(CpuDefinition cpu, AllowedModels allowed)
    {
        var all = DataOf(cpu, PolicySelector.All);
        if (!all.Succeeded)
        {
            return all.Error;
        }

        var model = Database.FindModel(cpu.Model!)!;
        var vendor = model.VendorId is { } v ? Database.Vendors[v] : null;
        var leaf1 = model.Signatures.IsDefaultOrEmpty
            ? 0u
            : new CpuSignature(model.Signatures[0].Family, model.Signatures[0].Model, model.Signatures[0].LowestStepping).ToEax();

        var stub = cpu with { Model = null, Vendor = null, Features = [] };
        var decoded = Decode(new X86DecodeRequest(stub, X86Input.FromFeatures(all.Value, vendor, leaf1)) { Allowed = allowed });
        if (!decoded.Succeeded)
        {
            return decoded.Error;
        }

        var result = decoded.Value;
        foreach (var f in cpu.Features)
        {
            result = result.WithFeature(f.Name, f.Policy);
        }

        return cpu with { Model = result.Model, Features = result.Features };
    }
}
