using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.Qemu;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Qemu;

public sealed class QemuNamesTests
{
    [Theory]
    [InlineData("pclmulqdq", "pclmuldq")]
    [InlineData("fxsr-opt", "fxsr_opt")]
    [InlineData("lahf-lm", "lahf_lm")]
    [InlineData("cmp-legacy", "cmp_legacy")]
    [InlineData("ds-cpl", "ds_cpl")]
    [InlineData("nodeid-msr", "nodeid_msr")]
    [InlineData("perfctr-core", "perfctr_core")]
    [InlineData("perfctr-nb", "perfctr_nb")]
    [InlineData("tsc-adjust", "tsc_adjust")]
    [InlineData("kvm-pv-eoi", "kvm_pv_eoi")]
    [InlineData("kvm-pv-unhalt", "kvm_pv_unhalt")]
    [InlineData("sse4.1", "sse4.1")]
    [InlineData("sse4-1", "sse4-1")]
    [InlineData("avx512f", "avx512f")]
    public void Qemu_names_translate_in_both_generations(string qemu, string libvirt)
    {
        Assert.Equal(libvirt, QemuNames.ToLibvirt(qemu, LibvirtGeneration.Libvirt9));
        Assert.Equal(libvirt, QemuNames.ToLibvirt(qemu, LibvirtGeneration.Libvirt11));
        Assert.Equal(qemu, QemuNames.ToQemu(libvirt));
    }

    [Theory]
    [InlineData("vmx-invept-single-context-noglobals", "vmx-invvpid-single-context-noglobals")]
    [InlineData("hv-vendor-id", "hv-vendor_id")]
    [InlineData("hv-emsr-bitmap", "hv-emsr_bitmap")]
    [InlineData("hv-xmm-input", "hv-xmm_input")]
    public void Newer_names_translate_only_in_11(string qemu, string libvirt)
    {
        Assert.Equal(qemu, QemuNames.ToLibvirt(qemu, LibvirtGeneration.Libvirt9));
        Assert.Equal(libvirt, QemuNames.ToLibvirt(qemu));
        Assert.Equal(qemu, QemuNames.ToQemu(libvirt, LibvirtGeneration.Libvirt11));
        Assert.Equal(libvirt, QemuNames.ToQemu(libvirt, LibvirtGeneration.Libvirt9));
    }
}
