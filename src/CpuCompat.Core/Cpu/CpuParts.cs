namespace CpuCompat.Core.Cpu;

/// <summary>Family, model and stepping, as decoded from CPUID leaf 1 EAX .</summary>
public readonly record struct CpuSignature(uint Family, uint Model, uint Stepping)
{
    /// <summary>Decodes leaf 1 EAX: extended family is always added, extended model shifted in above the model.</summary>
    public static CpuSignature FromEax(uint eax) => new(
        ((eax >> 20) & 0xFF) + ((eax >> 8) & 0xF),
        (((eax >> 16) & 0xF) << 4) + ((eax >> 4) & 0xF),
        eax & 0xF);

    /// <summary>Encodes back into leaf 1 EAX; families above 15 put the excess into the extended family bits.</summary>
    public uint ToEax()
    {
        uint family = Family, extFamily = 0;
        if (family > 0xF)
        {
            extFamily = family - 0xF;
            family = 0xF;
        }

        return ((extFamily & 0xFF) << 20) | (((Model >> 4) & 0xF) << 16) | ((family & 0xF) << 8) | ((Model & 0xF) << 4) | (Stepping & 0xF);
    }
}

/// <summary>
/// Guest or host topology. <see cref="Dies"/> and <see cref="Clusters"/> default to 1 when not written;
/// clusters exist only in 11.x semantics.
/// </summary>
public sealed record CpuTopology(uint Sockets, uint Dies, uint Clusters, uint Cores, uint Threads)
{
    public ulong LogicalCpus => (ulong)Sockets * Dies * Clusters * Cores * Threads;
}

/// <summary><c>&lt;cache level='N' mode='emulate|passthrough|disable'/&gt;</c></summary>
public sealed record CpuCache(int? Level, string Mode);

/// <summary><c>&lt;maxphysaddr mode='emulate|passthrough' bits='N' limit='N'/&gt;</c></summary>
public sealed record CpuMaxPhysAddr(string Mode, uint? Bits, uint? Limit);

/// <summary><c>&lt;counter name='tsc' frequency='N' scaling='yes|no'/&gt;</c> of a host CPU.</summary>
public sealed record TscCounter(ulong Frequency, bool? Scaling);
