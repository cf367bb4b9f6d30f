using CpuCompat.Host.Kvm;

namespace CpuCompat.Host.Cpuid;

/// <summary>
/// Reads model-specific registers as libvirt does (<c>virHostCPUGetMSR</c>): 8 bytes at offset = index of
/// <c>/dev/cpu/0/msr</c> (needs root and the <c>msr</c> module), else the feature MSRs KVM exposes through
/// <c>KVM_GET_MSRS</c>. Best effort: an MSR nobody can read is simply absent, with one note saying why.
/// </summary>
public sealed class MsrReader(HostRoot root, IKvmDevice? kvm, HostNotes notes) : IMsrSource
{
    public const string DevicePath = "/dev/cpu/0/msr";

    private bool _deviceFailed;

    /// <summary>The 64-bit value of MSR <paramref name="index"/>, or null when neither source has it.</summary>
    public ulong? Read(uint index)
    {
        if (!_deviceFailed && ReadDevice(index, out var value) is { } fromDevice)
        {
            return fromDevice ? value : null;
        }

        return kvm?.ReadFeatureMsr(index);
    }

    /// <summary>True/false when the device answered (false: the CPU has no such MSR); null when the device is unusable.</summary>
    private bool? ReadDevice(uint index, out ulong value)
    {
        value = 0;
        try
        {
            using var stream = new FileStream(root.Resolve(DevicePath), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            stream.Position = index;
            Span<byte> buffer = stackalloc byte[8];
            if (stream.ReadAtLeast(buffer, 8, throwOnEndOfStream: false) < 8)
            {
                return false;
            }

            value = BitConverter.ToUInt64(buffer);
            return true;
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            // The msr driver answers EIO for an MSR the processor does not implement: absent, not an error.
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _deviceFailed = true;
            var failure = ReadFailure.From(e);
            var hint = failure.Kind == ReadFailureKind.Missing
                ? "not present (load the msr module with 'modprobe msr')"
                : $"{failure.Reason} (reading MSRs needs root)";
            notes.Unavailable(DevicePath, kvm is null ? hint : $"{hint}; feature MSRs are read through KVM instead", failure.Kind == ReadFailureKind.Missing ? HostCodes.SourceMissing : HostCodes.SourceUnreadable);
            return null;
        }
    }
}
