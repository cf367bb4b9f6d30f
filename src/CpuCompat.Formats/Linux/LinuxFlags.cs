using System.Collections.Frozen;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Linux;

/// <summary>
/// What Linux's <c>/proc/cpuinfo</c> flags mean, as far as CPUID bits go. Source: the kernel's
/// <c>arch/x86/include/asm/cpufeatures.h</c> (a quoted name in a comment is what cpuinfo prints; no quoted name means
/// the bit is never printed) and <c>arch/x86/kernel/cpu/common.c</c> (<c>init_speculation_control</c>), checked
/// against kernel 6.12. Spellings that differ from libvirt's are in the database (<c>data/x86_64/920-aliases.ccl</c>);
/// this class only holds what names alone cannot say.
/// </summary>
internal static class LinuxFlags
{
    /// <summary>
    /// Flags Linux defines itself (cpufeatures.h words 3, 7, 8 and 11, "Linux-defined"): software state, bits
    /// derived from several sources, family/model lists or MSRs, never one CPUID bit.
    /// </summary>
    public static readonly FrozenDictionary<string, string> Synthetic = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["constant_tsc"] = "Linux also sets it from the CPU family and model, so it does not prove the invariant-TSC bit; invtsc is read from nonstop_tsc, which Linux sets only from CPUID 0x80000007 EDX bit 8",
        ["rep_good"] = "a Linux-defined hint that REP string instructions are fast, not a CPUID bit",
        ["nopl"] = "a Linux-defined flag for the NOPL instruction, not a CPUID bit",
        ["cpuid"] = "a Linux-defined flag saying the CPU has the CPUID instruction",
        ["xtopology"] = "Linux derives it from CPUID leaf 0xB being usable, not from one bit",
        ["tsc_known_freq"] = "Linux sets it when it knows the TSC frequency (leaf 0x15 or a hypervisor), not from one bit",
        ["tsc_reliable"] = "Linux sets it from a hypervisor or platform quirk, not from CPUID",
        ["nonstop_tsc_s3"] = "Linux sets it for some Atom models, not from CPUID",
        ["extd_apicid"] = "Linux derives it from the AMD family and NodeId, not from one bit",
        ["amd_dcm"] = "Linux sets it for multi-node AMD packages, not from one bit",
        ["aperfmperf"] = "Linux derives it from CPUID 6 ECX bit 0, which libvirt does not model",
        ["arch_perfmon"] = "Linux derives it from CPUID leaf 0xA, which libvirt does not model",
        ["art"] = "Linux derives it from CPUID leaf 0x15",
        ["pebs"] = "Linux reads it from IA32_MISC_ENABLE, not from CPUID",
        ["bts"] = "Linux reads it from IA32_MISC_ENABLE, not from CPUID",
        ["rapl"] = "Linux sets it for AMD/Hygon families with a RAPL interface, not from CPUID",
        ["acc_power"] = "Linux-defined for AMD families with the accumulated power interface",
        ["amd_lbr_v2"] = "Linux-defined from CPUID 0x80000022, which libvirt does not model",
        ["up"] = "Linux says it runs an SMP kernel on one CPU",
        ["eagerfpu"] = "an old Linux-defined FPU switching mode",
        ["ring3mwait"] = "Linux enables it for some Xeon Phi models, not from CPUID",
        ["cpuid_fault"] = "Linux reads it from an MSR, not from CPUID",
        ["intel_ppin"] = "Linux reads it from an MSR, not from CPUID",
        ["pti"] = "a Linux mitigation (page table isolation) in use, not a CPU feature",
        ["kaiser"] = "a Linux mitigation in use, not a CPU feature",
        ["retpoline"] = "a Linux mitigation in use, not a CPU feature",
        ["retpoline_amd"] = "a Linux mitigation in use, not a CPU feature",
        ["rsb_ctxsw"] = "a Linux mitigation in use, not a CPU feature",
        ["use_ibpb"] = "a Linux mitigation in use, not a CPU feature",
        ["use_ibrs_fw"] = "a Linux mitigation in use, not a CPU feature",
        ["invpcid_single"] = "Linux-defined from pcid and invpcid",
        ["ibrs_enhanced"] = "Linux derives it from IA32_ARCH_CAPABILITIES (Intel) or AutoIBRS (AMD); cpuinfo does not show the MSR",
        ["split_lock_detect"] = "Linux sets it from IA32_CORE_CAPABILITIES or from a model list, and cpuinfo does not show the MSR",
        ["user_shstk"] = "Linux says user-mode shadow stacks are enabled",
        ["tpr_shadow"] = "a VMX capability Linux reads from MSRs",
        ["flexpriority"] = "a VMX capability Linux reads from MSRs",
        ["ept"] = "a VMX capability Linux reads from MSRs",
        ["vpid"] = "a VMX capability Linux reads from MSRs",
        ["ept_ad"] = "a VMX capability Linux reads from MSRs",
        ["vmmcall"] = "a Linux preference for the VMMCALL hypercall instruction",
        ["xenpv"] = "Linux runs as a Xen PV guest",
        ["k8"] = "a Linux CPU-family marker",
        ["k7"] = "a Linux CPU-family marker",
        ["p3"] = "a Linux CPU-family marker",
        ["p4"] = "a Linux CPU-family marker",
        ["11ap"] = "a Linux platform marker",
        ["lfence_rdtsc"] = "an old Linux-defined hint",
        ["mfence_rdtsc"] = "an old Linux-defined hint",
    }.ToFrozenDictionary(StringComparer.Ordinal);


    /// <summary>
    /// Database features Linux never prints (no quoted name in cpufeatures.h), so a CPU decoded from cpuinfo lacks
    /// them even when the CPU has them. Filtered by the database in use; MSR features are added separately.
    /// </summary>
    public static readonly string[] Hidden =
    [
        "osxsave", "spec-ctrl", "stibp", "ssbd", "core-capability", "fdp-excptn-only", "zero-fcs-fds", "xfd",
        "cmpccxadd", "fzrm", "fsrs", "fsrc", "lkgs", "wrmsrns", "amx-fp16", "avx-ifma", "avx-vnni-int8",
        "avx-ne-convert", "amx-complex", "avx-vnni-int16", "prefetchiti", "avx10", "sha512", "sm3", "sm4",
        "intel-psfd", "ipred-ctrl", "rrsba-ctrl", "ddpd-u", "bhi-ctrl", "mcdt-no", "sgx1", "sgx2",
        "ibpb", "ibrs", "amd-stibp", "amd-ssbd", "amd-psfd", "amd-no-ssb", "stibp-always-on",
        "no-nested-data-bp", "lfence-always-serializing", "null-sel-clr-base", "auto-ibrs", "sbpb", "ibpb-brtype",
        "srso-no", "srso-user-kernel-no", "eraps",
    ];

    /// <summary>The speculation-control flags Linux synthesizes (init_speculation_control), vendor by vendor.</summary>
    public static readonly FrozenSet<string> SpeculationControl = new[] { "ibrs", "ibpb", "stibp", "ssbd" }.ToFrozenSet(StringComparer.Ordinal);
}
