using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Libvirt.Qemu;

/// <summary>A <c>query-cpu-model-expansion</c> result: the expanded model's name and its properties in reply order, under QEMU's names.</summary>
public sealed record QemuModelExpansion(string ModelName, ImmutableArray<QemuProperty> Properties)
{
    /// <summary>The value of a property, or null when the expansion does not have it.</summary>
    public QemuValue? Find(string name)
    {
        foreach (var p in Properties)
        {
            if (p.Name == name)
            {
                return p.Value;
            }
        }

        return null;
    }
}

/// <summary>
/// What a file of canned QEMU monitor replies holds: the first model expansion and the first CPU definitions list
/// (either may be missing), and the problems found.
/// </summary>
public sealed record QmpReplies(QemuModelExpansion? Expansion, ImmutableArray<AllowedModel>? Definitions, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
