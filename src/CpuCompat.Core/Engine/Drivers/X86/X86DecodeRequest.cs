using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Engine.Drivers.X86;

/// <summary>
/// The arguments of libvirt's x86 decode: the stub whose type chooses host or guest decoding and
/// whose fallback matters for a single preferred model, the data, an optional allowed-models list, preferred model
/// names (baseline), and whether non-migratable features are dropped from the result.
/// </summary>
internal sealed record X86DecodeRequest(CpuDefinition Stub, X86Input Data)
{
    public AllowedModels? Allowed { get; init; }

    public IReadOnlyList<string>? Preferred { get; init; }

    public bool Migratable { get; init; }

    /// <summary>Receives every decision when set.</summary>
    public DecodeTrace? Trace { get; init; }
}
