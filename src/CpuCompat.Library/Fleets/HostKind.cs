using CpuCompat.Core.Cpu;

namespace CpuCompat.Fleets;

/// <summary>
/// One distinct CPU of a fleet: every host whose CPU text is byte for byte the same shares it, so it is read,
/// decoded and compared once. <see cref="Cpu"/> is the host CPU libvirt reports (raw data decoded as a host);
/// <see cref="Data"/> keeps raw CPUID data when the input had it (to decode again under another map).
/// </summary>
public sealed class HostKind
{
    internal HostKind(int index, UInt128 hash, byte[] content, string firstHost, CpuDefinition cpu, CpuData? data, string? brand)
    {
        Index = index;
        Hash = hash;
        Content = content;
        FirstHost = firstHost;
        Cpu = cpu;
        Data = data;
        Brand = brand;
    }

    public int Index { get; }

    /// <summary>The XxHash128 of the CPU's text as it appeared in the input.</summary>
    public UInt128 Hash { get; }

    /// <summary>The first host with this CPU.</summary>
    public string FirstHost { get; }

    /// <summary>The host CPU definition.</summary>
    public CpuDefinition Cpu { get; }

    /// <summary>The raw CPUID data, when the input gave data rather than a definition.</summary>
    public CpuData? Data { get; }

    /// <summary>The processor's brand string (CPUID 0x80000002-4, e.g. "Intel(R) Xeon(R) Gold 6148"), when the data has one.</summary>
    public string? Brand { get; }

    /// <summary>How people recognise this CPU: its brand string and model, or its model with vendor and signature.</summary>
    public string Label => Brand is { } brand ? $"{brand} ({Cpu.Model})" : (Cpu.Signature is { Family: not 0 } s
        ? $"{Cpu.Model} ({Cpu.Vendor ?? "any vendor"} {s.Family}/{s.Model}/{s.Stepping})"
        : $"{Cpu.Model}{(Cpu.Vendor is { } v ? $" ({v})" : "")}");

    /// <summary>The text the CPU was read from (bytes as they were in the input, JSON escapes included).</summary>
    internal byte[] Content { get; }

    /// <summary>The same CPU at another position of another fleet.</summary>
    internal HostKind WithIndex(int index) => index == Index ? this : new(index, Hash, Content, FirstHost, Cpu, Data, Brand);

    /// <summary>The same CPU as another database decodes or reads it.</summary>
    internal HostKind WithCpu(CpuDefinition cpu) => new(Index, Hash, Content, FirstHost, cpu, Data, Brand);

    public override string ToString() => Label;
}
