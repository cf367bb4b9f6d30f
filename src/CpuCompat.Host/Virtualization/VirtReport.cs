using System.Collections.Immutable;
using CpuCompat.Host.Machine;

namespace CpuCompat.Host.Virtualization;

/// <summary>
/// Whether this host can run KVM guests: <see cref="Ready"/> when the kvm module, a vendor module and a usable
/// <c>/dev/kvm</c> are all there; the CPU vendor (intel, amd or null), every check in a fixed order, and notes.
/// </summary>
public sealed record VirtReport(string? Vendor, bool Ready, ImmutableArray<VirtCheck> Checks, ImmutableArray<HostNote> Notes)
{
    public VirtCheck? Find(string id) => Checks.FirstOrDefault(c => c.Id == id);
}
