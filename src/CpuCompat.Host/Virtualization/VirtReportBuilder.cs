using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;

namespace CpuCompat.Host.Virtualization;

/// <summary>
/// Runs the KVM readiness checks: the CPU's virtualization extension (VMX or SVM) and whether firmware switched it
/// off, the kvm and vendor modules, <c>/dev/kvm</c>, and the vendor module's nested, APICv/AVIC, EPT/NPT and shadow
/// VMCS parameters.
/// </summary>
public static class VirtReportBuilder
{
    public const string ModuleDir = "/sys/module";
    public const string KvmDevice = "/dev/kvm";

    /// <summary>AMD's VM_CR MSR: bit 4 (SVMDIS) set by firmware means SVM cannot be enabled.</summary>
    private const uint VmCrMsr = 0xC0010114;

    public static VirtReport Build(HostEnvironment env)
    {
        var notes = env.NewNotes();
        var root = env.Root;
        var cpuInfo = CpuInfo.Read(root, notes);
        var leaf0 = env.Cpuid?.Query(0, 0);
        var vendor = VendorOf(leaf0, cpuInfo);
        var checks = ImmutableArray.CreateBuilder<VirtCheck>();

        var vendorModule = vendor switch
        {
            "intel" => "kvm_intel",
            "amd" => "kvm_amd",
            _ => null,
        };
        var loadedVendorModule = LoadedVendorModule(root, vendorModule);

        checks.Add(CpuExtension(env, cpuInfo, vendor, loadedVendorModule, notes));
        var kvmLoaded = root.DirectoryExists($"{ModuleDir}/kvm");
        checks.Add(kvmLoaded
            ? new VirtCheck("kvm_module", "kvm module", CheckState.Ok, "loaded", null)
            : new VirtCheck("kvm_module", "kvm module", CheckState.Missing, "not loaded", "modprobe kvm"));
        checks.Add(VendorModule(loadedVendorModule, vendorModule));
        checks.Add(DevKvm(root));

        var parameters = ModuleParameter.For(loadedVendorModule ?? vendorModule);
        foreach (var parameter in parameters)
        {
            checks.Add(Parameter(root, loadedVendorModule, parameter));
        }

        var ready = checks.Where(c => c.Id is "kvm_module" or "kvm_vendor_module" or "dev_kvm").All(c => c.State == CheckState.Ok);
        return new VirtReport(vendor, ready, checks.ToImmutable(), notes.ToImmutable());
    }

    /// <summary>intel, amd (Hygon's Dhyana runs kvm_amd) or null, from CPUID leaf 0, else /proc/cpuinfo's vendor_id.</summary>
    private static string? VendorOf(Registers? leaf0, CpuInfo cpuInfo)
    {
        var id = cpuInfo.VendorId;
        if (leaf0 is { IsZero: false } r)
        {
            Span<byte> bytes = stackalloc byte[12];
            BitConverter.TryWriteBytes(bytes[0..4], r.Ebx);
            BitConverter.TryWriteBytes(bytes[4..8], r.Edx);
            BitConverter.TryWriteBytes(bytes[8..12], r.Ecx);
            id = System.Text.Encoding.ASCII.GetString(bytes);
        }

        return id switch
        {
            "GenuineIntel" => "intel",
            "AuthenticAMD" or "HygonGenuine" => "amd",
            _ => null,
        };
    }

    private static VirtCheck CpuExtension(HostEnvironment env, CpuInfo cpuInfo, string? vendor, string? loadedModule, HostNotes notes)
    {
        const string Id = "cpu_virtualization";
        const string Name = "CPU virtualization (VT-x/AMD-V)";
        var flag = vendor == "amd" ? "svm" : "vmx";
        var display = vendor == "amd" ? "SVM (AMD-V)" : "VMX (Intel VT-x)";
        var firmwareFix = vendor == "amd"
            ? "enable 'SVM Mode' (AMD-V) in the firmware (BIOS/UEFI) setup, then power-cycle"
            : "enable 'Intel Virtualization Technology' (VT-x) in the firmware (BIOS/UEFI) setup, then power-cycle";

        bool? inCpuid = null;
        var hypervisor = false;
        if (env.Cpuid is { } cpuid)
        {
            var leaf1 = cpuid.Query(1, 0);
            var ext1 = cpuid.Query(0x80000001, 0);
            inCpuid = vendor == "amd" ? (ext1.Ecx & (1u << 2)) != 0 : (leaf1.Ecx & (1u << 5)) != 0;
            hypervisor = (leaf1.Ecx & (1u << 31)) != 0;
        }

        var cpuInfoKnown = cpuInfo.Flags.Count > 0;
        hypervisor |= cpuInfo.HasFlag("hypervisor");
        var inCpuInfo = cpuInfo.HasFlag(flag);
        if (inCpuid is null && !cpuInfoKnown)
        {
            return new VirtCheck(Id, Name, CheckState.Unknown, "neither CPUID nor /proc/cpuinfo could be read", null);
        }

        if (inCpuid == false || (inCpuid is null && !inCpuInfo))
        {
            // Some KVM flavours (PVM's kvm_pvm) run guests without the processor's extension.
            var without = loadedModule is not null and not ("kvm_intel" or "kvm_amd") ? $"; KVM runs here through {loadedModule}, which does not need it" : "";
            return hypervisor
                ? new VirtCheck(Id, Name, CheckState.Missing, $"{display} is not exposed: this is a virtual machine whose hypervisor does not offer nested virtualization{without}",
                    "on the outer host, enable nested virtualization (kvm_intel/kvm_amd nested=1) and give this VM the host's CPU (cpu mode='host-passthrough')")
                : new VirtCheck(Id, Name, CheckState.Missing, $"the processor has no {display}{without}", null);
        }

        // Linux clears the vmx flag when firmware locked VMX off in IA32_FEATURE_CONTROL ("VMX disabled by BIOS").
        if (inCpuid == true && cpuInfoKnown && !inCpuInfo)
        {
            return new VirtCheck(Id, Name, CheckState.Off, $"the processor has {display} but the kernel reports it disabled by the firmware", firmwareFix);
        }

        if (vendor == "amd" && env.Root.IsLive)
        {
            // Linux keeps the svm flag when firmware sets VM_CR.SVMDIS; only the MSR tells.
            var vmcr = new MsrReader(env.Root, null, notes).Read(VmCrMsr);
            if (vmcr is { } value && (value & (1u << 4)) != 0)
            {
                return new VirtCheck(Id, Name, CheckState.Off, "SVM is disabled by the firmware (VM_CR.SVMDIS is set)", firmwareFix);
            }
        }

        var detail = inCpuid == true ? $"{display} in CPUID" : $"{flag} in /proc/cpuinfo";
        return new VirtCheck(Id, Name, CheckState.Ok, hypervisor ? $"{detail} (nested: this host is itself a virtual machine)" : detail, null);
    }

    /// <summary>The expected vendor module if loaded, else any other loaded kvm_* module (kvm_pvm, kvm_hygon…).</summary>
    private static string? LoadedVendorModule(HostRoot root, string? expected)
    {
        if (expected is not null && root.DirectoryExists($"{ModuleDir}/{expected}"))
        {
            return expected;
        }

        return root.EnumerateDirectories(ModuleDir, "kvm_*").FirstOrDefault();
    }

    private static VirtCheck VendorModule(string? loaded, string? expected)
    {
        const string Id = "kvm_vendor_module";
        const string Name = "KVM vendor module";
        if (loaded is not null)
        {
            var detail = loaded == expected || expected is null ? $"{loaded} loaded" : $"{loaded} loaded (instead of {expected})";
            return new VirtCheck(Id, Name, CheckState.Ok, detail, null);
        }

        return new VirtCheck(Id, Name, CheckState.Missing, $"{expected ?? "kvm_intel or kvm_amd"} not loaded",
            $"modprobe {expected ?? "kvm_intel  # or kvm_amd"} (if it fails, see dmesg: the CPU extension may be off in the firmware)");
    }

    private static VirtCheck DevKvm(HostRoot root)
    {
        const string Id = "dev_kvm";
        const string Name = "/dev/kvm";
        if (!root.Exists(KvmDevice))
        {
            return new VirtCheck(Id, Name, CheckState.Missing, "not present", "load the kvm modules (modprobe kvm_intel or kvm_amd); in a container, pass the device in (--device /dev/kvm)");
        }

        if (!root.IsLive)
        {
            return new VirtCheck(Id, Name, CheckState.Ok, "present (access is only checked on the live root)", null);
        }

        try
        {
            using var handle = File.OpenHandle(KvmDevice, FileMode.Open, FileAccess.ReadWrite);
            return new VirtCheck(Id, Name, CheckState.Ok, "present and accessible", null);
        }
        catch (UnauthorizedAccessException)
        {
            return new VirtCheck(Id, Name, CheckState.Off, "present but this user may not open it", "add the user to the kvm group: sudo usermod -aG kvm $USER (then log in again)");
        }
        catch (IOException e)
        {
            return new VirtCheck(Id, Name, CheckState.Off, $"present but cannot be opened: {e.Message.TrimEnd('.')}", null);
        }
    }

    private static VirtCheck Parameter(HostRoot root, string? module, ModuleParameter parameter)
    {
        if (module is null)
        {
            return new VirtCheck(parameter.Id, parameter.Name, CheckState.Unknown, "no KVM vendor module is loaded", null);
        }

        var path = $"{ModuleDir}/{module}/parameters/{parameter.Parameter}";
        if (!root.TryReadText(path, out var text, out var failure))
        {
            return failure.Kind == ReadFailureKind.Missing
                ? new VirtCheck(parameter.Id, parameter.Name, CheckState.Missing, $"{module} has no '{parameter.Parameter}' parameter", null)
                : new VirtCheck(parameter.Id, parameter.Name, CheckState.Unknown, $"{path}: {failure.Reason}", null);
        }

        var value = text.Trim();
        var on = value is "Y" or "y" or "1";
        var off = value is "N" or "n" or "0";
        var fix = $"modprobe -r {module} && modprobe {module} {parameter.Parameter}=1 (no guest may be running); to keep it: echo 'options {module} {parameter.Parameter}=1' >> /etc/modprobe.d/kvm.conf";
        return on ? new VirtCheck(parameter.Id, parameter.Name, CheckState.Ok, $"{module}.{parameter.Parameter}={value}", null)
            : off ? new VirtCheck(parameter.Id, parameter.Name, CheckState.Off, $"{module}.{parameter.Parameter}={value}", parameter.HardwareDependent ? $"{fix} (the processor must support it)" : fix)
            : new VirtCheck(parameter.Id, parameter.Name, CheckState.Unknown, $"{module}.{parameter.Parameter}='{value}' is not a Y/N value", null);
    }
}
