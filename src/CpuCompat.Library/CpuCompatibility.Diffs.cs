using CpuCompat.Core;
using CpuCompat.Diffs;
using CpuCompat.Formats;

namespace CpuCompat;

/// <summary>Changes before they happen: one host or pool before and after an update.</summary>
public sealed partial class CpuCompatibility
{
    /// <summary>
    /// <c>cpucompat diff OLD NEW</c>: two descriptions of the same host or pool in any format (raw data is decoded into
    /// the host CPU libvirt reports), compared as libvirt sees them: model, vendor, signature and microcode, the features
    /// guests gain and lose, the security-relevant ones lost, the listed features, and with
    /// <paramref name="guestsDirectory"/> the guests that run on OLD and would not start on NEW.
    /// </summary>
    public Outcome<CpuDiff> Diff(CpuInput oldInput, string oldName, CpuInput newInput, string newName, string? guestsDirectory = null) =>
        DiffSide.Of(Engine, Reader, oldInput, oldName).Then(old =>
            DiffSide.Of(Engine, Reader, newInput, newName).Then(@new =>
                CpuDiff.Of(Engine, Reader, old, @new, guestsDirectory)));
}
