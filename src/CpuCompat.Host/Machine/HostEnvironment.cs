using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Kvm;
using CpuCompat.Host.Sysfs;
using CpuCompat.Libvirt.CpuData;

namespace CpuCompat.Host.Machine;

/// <summary>
/// What the probes run against: a root tree, the CPUID of the machine it belongs to (if known), the KVM device (live
/// root only) and the architecture name libvirt would use. <see cref="Live"/> is this machine; <see cref="ForRoot"/>
/// any tree — such a tree may carry its machine's CPUID as libvirt <c>&lt;cpudata&gt;</c> XML in
/// <see cref="RecordedCpuidPath"/>; without it, the host CPU model is left out rather than mixed with this machine's.
/// </summary>
public sealed class HostEnvironment(HostRoot root, ICpuidSource? cpuid, IKvmDevice? kvm, string arch, ImmutableArray<HostNote> notes = default)
{
    /// <summary>Where a captured root tree keeps its CPUID (relative to the root).</summary>
    public const string RecordedCpuidPath = "/.cpucompat/cpudata.xml";

    public HostRoot Root { get; } = root;

    /// <summary>The CPUID of the root's machine; null when unknown (another machine's tree without a recording).</summary>
    public ICpuidSource? Cpuid { get; } = cpuid;

    /// <summary>This machine's <c>/dev/kvm</c> for the live root; null otherwise.</summary>
    public IKvmDevice? Kvm { get; } = kvm;

    /// <summary>libvirt's name of the host architecture: x86_64, i686, aarch64, ppc64le, s390x…</summary>
    public string Arch { get; } = arch;

    public bool IsX86 => Arch is "x86_64" or "i686";

    /// <summary>What setting up the environment could not read (a missing CPUID recording); every report repeats these.</summary>
    public ImmutableArray<HostNote> Notes { get; } = notes.IsDefault ? [] : notes;

    /// <summary>A collector for one report, starting with the environment's own notes.</summary>
    public HostNotes NewNotes()
    {
        var collector = new HostNotes();
        foreach (var note in Notes)
        {
            collector.Add(note);
        }

        return collector;
    }

    /// <summary>This machine: root <c>/</c>, its CPUID (x86 only), its <c>/dev/kvm</c>.</summary>
    public static HostEnvironment Live() => LiveCpuid.IsSupported
        ? new(HostRoot.Live, LiveCpuid.Instance, LinuxKvmDevice.TryCreate(), LiveArch())
        : new(HostRoot.Live, null, LinuxKvmDevice.TryCreate(), LiveArch(),
            [new HostNote(HostCodes.NotApplicable, HostNoteKind.Omitted, "CPUID", "this processor offers no CPUID instruction, so the host CPU model is left out")]);

    /// <summary>
    /// The environment of <paramref name="rootPath"/>: <see cref="Live"/> for <c>/</c>; otherwise no KVM device, the
    /// recorded CPUID if the tree has one (notes say when it is missing or unreadable), and the architecture the
    /// tree's <c>/proc/cpuinfo</c> suggests.
    /// </summary>
    public static HostEnvironment ForRoot(string rootPath)
    {
        var root = new HostRoot(rootPath);
        if (root.IsLive)
        {
            return Live();
        }

        var notes = new HostNotes();
        var cpuid = ReadRecordedCpuid(root, notes);
        return new HostEnvironment(root, cpuid, null, ArchFromCpuInfo(root), notes.ToImmutable());
    }

    private static RecordedCpuid? ReadRecordedCpuid(HostRoot root, HostNotes notes)
    {
        if (!root.TryReadText(RecordedCpuidPath, out var text, out var failure))
        {
            notes.Unavailable(RecordedCpuidPath, failure.Kind == ReadFailureKind.Missing
                ? "no recorded CPUID for this root (libvirt <cpudata> XML), so the host CPU model is left out"
                : failure.Reason, failure.Kind == ReadFailureKind.Missing ? HostCodes.SourceMissing : HostCodes.SourceUnreadable);
            return null;
        }

        var result = CpuDataXmlReader.Read(text, root.Resolve(RecordedCpuidPath));
        if (!result.Succeeded)
        {
            var first = result.Diagnostics.FirstOrDefault(d => d.IsError);
            notes.Failed(RecordedCpuidPath, ReadFailure.Malformed(first?.Message ?? "not a <cpudata> document"));
            return null;
        }

        return new RecordedCpuid(result.Data, RecordedCpuidPath);
    }

    private static string LiveArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.X86 => "i686",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm => "armv7l",
        Architecture.Ppc64le => "ppc64le",
        Architecture.S390x => "s390x",
        Architecture.LoongArch64 => "loongarch64",
        Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>x86 cpuinfo has <c>vendor_id</c>, ARM <c>CPU implementer</c>, POWER <c>cpu : POWER…</c>; x86_64 otherwise.</summary>
    private static string ArchFromCpuInfo(HostRoot root)
    {
        var text = root.ReadText(CpuInfo.Path) ?? "";
        if (text.Contains("CPU implementer", StringComparison.Ordinal))
        {
            return "aarch64";
        }

        if (text.Contains("\ncpu\t\t: POWER", StringComparison.Ordinal) || text.StartsWith("processor\t: 0\ncpu\t\t: POWER", StringComparison.Ordinal))
        {
            return "ppc64le";
        }

        return text.Contains(" lm ", StringComparison.Ordinal) || !text.Contains("flags", StringComparison.Ordinal) ? "x86_64" : "i686";
    }
}
