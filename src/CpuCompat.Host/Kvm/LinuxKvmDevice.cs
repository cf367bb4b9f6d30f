using System.Runtime.InteropServices;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Host.Kvm;

/// <summary>
/// <see cref="IKvmDevice"/> for this machine's <c>/dev/kvm</c>, opened read-only as libvirt does. Every call opens
/// and closes its own descriptors, so nothing stays open after a probe.
/// </summary>
public sealed class LinuxKvmDevice : IKvmDevice
{
    public const string DevicePath = "/dev/kvm";

    private LinuxKvmDevice()
    {
    }

    /// <summary>The device when this is Linux and <c>/dev/kvm</c> exists; null otherwise.</summary>
    public static LinuxKvmDevice? TryCreate() =>
        OperatingSystem.IsLinux() && Path.Exists(DevicePath) ? new LinuxKvmDevice() : null;

    public TscCounter? GetTscInfo(out string? failure)
    {
        failure = null;
        var kvm = -1;
        var vm = -1;
        var vcpu = -1;
        try
        {
            if ((kvm = Open(out failure)) < 0)
            {
                return null;
            }

            if ((vm = KvmNative.Ioctl(kvm, KvmNative.KvmCreateVm, 0)) < 0)
            {
                failure = $"cannot create a KVM VM for TSC probing ({Errno()})";
                return null;
            }

            if ((vcpu = KvmNative.Ioctl(vm, KvmNative.KvmCreateVcpu, 0)) < 0)
            {
                failure = $"cannot create a KVM vCPU for TSC probing ({Errno()})";
                return null;
            }

            var khz = KvmNative.Ioctl(vcpu, KvmNative.KvmGetTscKhz, 0);
            if (khz <= 0)
            {
                failure = $"KVM_GET_TSC_KHZ failed ({Errno()})";
                return null;
            }

            var scaling = KvmNative.Ioctl(kvm, KvmNative.KvmCheckExtension, KvmNative.KvmCapTscControl);
            if (scaling < 0)
            {
                failure = $"KVM_CAP_TSC_CONTROL query failed ({Errno()})";
                return null;
            }

            return new TscCounter((ulong)khz * 1000, scaling > 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            failure = "the C library could not be called";
            return null;
        }
        finally
        {
            CloseAll(vcpu, vm, kvm);
        }
    }

    public ulong? ReadFeatureMsr(uint index)
    {
        var kvm = -1;
        try
        {
            if ((kvm = Open(out _)) < 0)
            {
                return null;
            }

            var msr = new KvmNative.OneMsr { Count = 1, Index = index };

            // The ioctl returns how many MSRs it read: 1, or 0 when KVM does not expose this one.
            return KvmNative.Ioctl(kvm, KvmNative.KvmGetMsrs, ref msr) == 1 ? msr.Data : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            CloseAll(kvm);
        }
    }

    public CpuData? GetSupportedCpuid(out string? failure)
    {
        failure = null;
        var kvm = -1;
        try
        {
            if ((kvm = Open(out failure)) < 0)
            {
                return null;
            }

            // The caller sizes the buffer; KVM answers E2BIG until it is large enough (about 60 entries today).
            for (var entries = 128; entries <= 4096; entries *= 2)
            {
                var buffer = new byte[8 + (entries * EntrySize)];
                BitConverter.TryWriteBytes(buffer.AsSpan(0, 4), (uint)entries);
                if (KvmNative.Ioctl(kvm, KvmNative.KvmGetSupportedCpuid, ref buffer[0]) < 0)
                {
                    if (Marshal.GetLastPInvokeError() == KvmNative.E2Big)
                    {
                        continue;
                    }

                    failure = $"KVM_GET_SUPPORTED_CPUID failed ({Errno()})";
                    return null;
                }

                return ParseCpuid2(buffer);
            }

            failure = "KVM_GET_SUPPORTED_CPUID wants more than 4096 entries";
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            failure = "the C library could not be called";
            return null;
        }
        finally
        {
            CloseAll(kvm);
        }
    }

    /// <summary><c>struct kvm_cpuid_entry2</c>: function, index, flags, eax, ebx, ecx, edx, 3 padding words.</summary>
    private const int EntrySize = 40;

    /// <summary>Reads a filled <c>struct kvm_cpuid2</c>: a count, padding, then the entries.</summary>
    internal static CpuData ParseCpuid2(ReadOnlySpan<byte> buffer)
    {
        var count = (int)Math.Min(Word(buffer, 0), (uint)((buffer.Length - 8) / EntrySize));
        var slots = new List<DataSlot>(count);
        for (var i = 0; i < count; i++)
        {
            var at = 8 + (i * EntrySize);
            slots.Add(new DataSlot(
                DataKey.Cpuid(Word(buffer, at), Word(buffer, at + 4)),
                new Registers(Word(buffer, at + 12), Word(buffer, at + 16), Word(buffer, at + 20), Word(buffer, at + 24))));
        }

        return CpuData.From(slots);
    }

    private static uint Word(ReadOnlySpan<byte> buffer, int at) => BitConverter.ToUInt32(buffer.Slice(at, 4));

    public int? MaxVcpus()
    {
        var kvm = -1;
        try
        {
            if ((kvm = Open(out _)) < 0)
            {
                return null;
            }

            var max = KvmNative.Ioctl(kvm, KvmNative.KvmCheckExtension, KvmNative.KvmCapMaxVcpus);
            if (max > 0)
            {
                return max;
            }

            var recommended = KvmNative.Ioctl(kvm, KvmNative.KvmCheckExtension, KvmNative.KvmCapNrVcpus);
            return recommended > 0 ? recommended : 4;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            CloseAll(kvm);
        }
    }

    private static int Open(out string? failure)
    {
        failure = null;
        var fd = KvmNative.Open(DevicePath, KvmNative.ORdOnly | KvmNative.OCloExec);
        if (fd < 0)
        {
            failure = $"cannot open {DevicePath} ({Errno()})";
        }

        return fd;
    }

    private static string Errno() => Marshal.GetLastPInvokeErrorMessage();

    private static void CloseAll(params ReadOnlySpan<int> fds)
    {
        foreach (var fd in fds)
        {
            if (fd >= 0)
            {
                KvmNative.Close(fd);
            }
        }
    }
}
