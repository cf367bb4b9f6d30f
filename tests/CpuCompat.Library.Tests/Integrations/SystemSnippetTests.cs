using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Integrations;
using Xunit;

namespace CpuCompat.Library.Tests.Integrations;

/// <summary>
/// A baseline becomes each system's configuration only where that system can say exactly the same: the policies it
/// has, the models it knows, the names it can carry; anything else is an error naming the pool and what it lacks.
/// </summary>
public sealed class SystemSnippetTests
{
    private static readonly CpuCompatibility Compat = CpuCompatibility.OpenBuiltIn();

    private static ArchDatabase X86 => Compat.Database.For(ArchFamily.X86)!;

    private static CpuDefinition Guest(string model, params (string Name, FeaturePolicy Policy)[] features) =>
        CpuDefinition.NewGuest() with { Model = model, Vendor = "Intel", Features = [.. features.Select(f => new CpuFeature(f.Name, f.Policy))] };

    [Fact]
    public void Nova_requires_by_name_and_disables_with_a_minus_in_the_baselines_order()
    {
        var nova = NovaCpuConfig.From("east", Guest("Skylake-Server-IBRS", ("vmx", FeaturePolicy.Require), ("hle", FeaturePolicy.Disable), ("ss", FeaturePolicy.Require))).Value;
        Assert.Equal("Skylake-Server-IBRS", nova.Model);
        Assert.Equal(["vmx", "-hle", "ss"], nova.ExtraFlags);
        Assert.Contains("[libvirt]\ncpu_mode = custom\ncpu_models = Skylake-Server-IBRS\ncpu_model_extra_flags = vmx, -hle, ss\n", nova.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeaturePolicy.Force)]
    [InlineData(FeaturePolicy.Optional)]
    [InlineData(FeaturePolicy.Forbid)]
    public void Nova_cannot_take_a_policy_other_than_require_and_disable(FeaturePolicy policy)
    {
        var nova = NovaCpuConfig.From("east", Guest("Haswell", ("vmx", FeaturePolicy.Require), ("hle", policy)));
        Assert.False(nova.Succeeded);
        Assert.Equal($"Nova cannot express the baseline of pool east exactly: the baseline has hle with policy '{policy.Name()}', and cpu_model_extra_flags only require (FLAG) or disable (-FLAG)", nova.Error!.Message);
    }

    [Theory]
    [InlineData("Vmx")] // Nova lower-cases every flag
    [InlineData("a,b")] // the list is comma-separated
    [InlineData("-x")] // a leading sign is a policy
    public void Nova_cannot_name_a_feature_it_would_change(string name)
    {
        var nova = NovaCpuConfig.From("p", Guest("Haswell", (name, FeaturePolicy.Require)));
        Assert.False(nova.Succeeded);
        Assert.Contains($"'{name}'", nova.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KubeVirt_keeps_every_policy_and_offers_the_cluster_form_only_without_features()
    {
        var all = Enum.GetValues<FeaturePolicy>().Select((p, i) => ($"f{i}", p)).ToArray();
        var kubevirt = KubeVirtCpu.From("east", Guest("Haswell", all)).Value;
        Assert.Equal(all.Select(f => new CpuFeature(f.Item1, f.p)), kubevirt.Features);
        Assert.Null(kubevirt.ClusterCpuModel);
        Assert.DoesNotContain("cpuModel", kubevirt.Text, StringComparison.Ordinal);

        var plain = KubeVirtCpu.From("east", Guest("Haswell")).Value;
        Assert.Equal("Haswell", plain.ClusterCpuModel);
        Assert.EndsWith("---\n# The same CPU as the default of every VM without a model of its own: the KubeVirt CR's spec.configuration.cpuModel.\nspec:\n  configuration:\n    cpuModel: Haswell\n", plain.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("core2duo")]
    [InlineData("qemu64")]
    [InlineData("kvm64-v1")]
    public void KubeVirt_cannot_take_a_model_its_node_labeller_calls_obsolete(string model)
    {
        var kubevirt = KubeVirtCpu.From("old", Guest(model));
        Assert.False(kubevirt.Succeeded);
        Assert.Contains("obsolete", kubevirt.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KubeVirt_cannot_name_what_is_no_kubernetes_label()
    {
        Assert.False(KubeVirtCpu.From("p", Guest("Haswell", ("a/b", FeaturePolicy.Require))).Succeeded);
        Assert.False(KubeVirtCpu.From("p", Guest("Haswell", (new string('f', 64), FeaturePolicy.Require))).Succeeded);
    }

    [Theory]
    [InlineData("Haswell", "Haswell")]
    [InlineData("486", "\"486\"")] // a number in YAML
    [InlineData("on", "\"on\"")] // a boolean in YAML 1.1
    [InlineData("sse4.1", "sse4.1")]
    [InlineData("a: b", "\"a: b\"")]
    public void Yaml_scalars_are_plain_only_where_they_stay_strings(string value, string scalar) =>
        Assert.Equal(scalar, KubeVirtCpu.Scalar(value));

    [Fact]
    public void Proxmox_spells_features_as_qemu_and_leaves_out_what_libvirt_drops()
    {
        var cpu = Guest("Westmere", ("pclmuldq", FeaturePolicy.Require), ("sse4.1", FeaturePolicy.Require), ("ds_cpl", FeaturePolicy.Require),
            ("osxsave", FeaturePolicy.Require), ("cmt", FeaturePolicy.Require), ("hle", FeaturePolicy.Disable));
        var proxmox = ProxmoxCpuModel.From("east", cpu, X86, LibvirtGeneration.Libvirt11).Value;
        Assert.Equal("Westmere", proxmox.ReportedModel);
        Assert.Equal(["+pclmulqdq", "+sse4-1", "+ds-cpl", "-hle"], proxmox.Flags);
        Assert.Equal(["osxsave", "cmt"], proxmox.LeftOut);
        Assert.EndsWith("cpu-model: east\n\tflags +pclmulqdq;+sse4-1;+ds-cpl;-hle\n\treported-model Westmere\n", proxmox.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxmox_cannot_report_a_model_it_does_not_know_or_a_policy_it_lacks()
    {
        var power = ProxmoxCpuModel.From("p", Guest("POWER9"), X86, LibvirtGeneration.Libvirt11);
        Assert.Equal("Proxmox VE cannot express the baseline of pool p exactly: POWER9 is not one of the QEMU models Proxmox VE takes as reported-model", power.Error!.Message);
        Assert.False(ProxmoxCpuModel.From("p", Guest("Haswell", ("vmx", FeaturePolicy.Optional)), X86, LibvirtGeneration.Libvirt11).Succeeded);
        Assert.False(ProxmoxCpuModel.From("p", Guest("Haswell", ("a b", FeaturePolicy.Require)), X86, LibvirtGeneration.Libvirt11).Succeeded);
    }

    [Theory]
    [InlineData("east", "east")]
    [InlineData("rack/7", "rack-7")]
    [InlineData("7", "pool-7")]
    [InlineData("a", "pool-a")]
    public void Proxmox_section_names_are_ids_it_accepts(string pool, string section) =>
        Assert.Equal(section, ProxmoxCpuModel.SectionName(pool));

    [Fact]
    public void A_pool_without_a_baseline_has_no_snippet_for_any_system()
    {
        var fleet = Compat.ReadFleet(new MemoryStream("""
            {"host": "i", "cpu": "<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Intel</vendor></cpu>"}
            {"host": "a", "cpu": "<cpu><arch>x86_64</arch><model>EPYC</model><vendor>AMD</vendor></cpu>"}
            """u8.ToArray()), "mixed.jsonl").Value;
        var pools = Compat.PoolBaselines(fleet);
        var snippets = Compat.ForSystems(pools, TargetSystems.All);
        Assert.Equal(TargetSystems.All, snippets.Select(s => s.System));
        Assert.All(snippets, s => Assert.Equal($"pool {pools[0].Pool.Name} has no baseline to give {s.System.Title()}", s.Snippet.Error!.Message));
    }
}
