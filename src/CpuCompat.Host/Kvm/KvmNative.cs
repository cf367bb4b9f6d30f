using System.Runtime.InteropServices;

namespace CpuCompat.Host.Kvm;

/// <summary>The libc calls behind <see cref="LinuxKvmDevice"/>; ioctl numbers are those of <c>linux/kvm.h</c>.</summary>
internal static partial class KvmNative
{
    private const string LibC = "libc";

    public const int ORdOnly = 0;
    public const int OCloExec = 0x80000;

    // _IO(KVMIO = 0xAE, nr)
    public const nuint KvmCreateVm = 0xAE01;
    public const nuint KvmCheckExtension = 0xAE03;
    public const nuint KvmCreateVcpu = 0xAE41;
    public const nuint KvmGetTscKhz = 0xAEA3;

    // _IOWR(KVMIO, 0x88, struct kvm_msrs): struct kvm_msrs is 8 bytes (nmsrs, pad) before its entries.
    public const nuint KvmGetMsrs = 0xC008AE88;

    // _IOWR(KVMIO, 0x05, struct kvm_cpuid2): 8 bytes (nent, padding) before its 40-byte entries.
    public const nuint KvmGetSupportedCpuid = 0xC008AE05;

    /// <summary>errno when the buffer of KVM_GET_SUPPORTED_CPUID is too small.</summary>
    public const int E2Big = 7;

    public const nint KvmCapNrVcpus = 9;
    public const nint KvmCapTscControl = 60;
    public const nint KvmCapMaxVcpus = 66;

    /// <summary><c>struct kvm_msrs</c> with exactly one <c>struct kvm_msr_entry</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OneMsr
    {
        public uint Count;
        public uint Pad;
        public uint Index;
        public uint Reserved;
        public ulong Data;
    }

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, ref OneMsr argument);

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, ref byte argument);
}
