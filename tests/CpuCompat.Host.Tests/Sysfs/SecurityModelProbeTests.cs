using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class SecurityModelProbeTests
{
    [Fact]
    public void SELinux_hosts_get_svirt_labels_and_the_configured_qemu_user()
    {
        var models = SecurityModelProbe.ForQemu(HostFixtures.Root(HostFixtures.Intel), new HostNotes());

        Assert.Equal(["selinux", "dac"], models.Select(m => m.Model));
        Assert.Equal(
            [new SecurityLabel("kvm", "system_u:system_r:svirt_t:s0"), new SecurityLabel("qemu", "system_u:system_r:svirt_tcg_t:s0")],
            models[0].BaseLabels);
        Assert.Equal([new SecurityLabel("kvm", "+107:+107"), new SecurityLabel("qemu", "+107:+107")], models[1].BaseLabels);
    }

    [Fact]
    public void AppArmor_hosts_get_apparmor_without_labels_and_debians_libvirt_qemu_user()
    {
        var models = SecurityModelProbe.ForQemu(HostFixtures.Root(HostFixtures.Amd), new HostNotes());

        Assert.Equal(["apparmor", "dac"], models.Select(m => m.Model));
        Assert.Empty(models[0].BaseLabels);
        Assert.Equal("+64055:+64055", models[1].BaseLabels[0].Label);
    }

    [Fact]
    public void LXC_lists_only_its_security_driver()
    {
        var models = SecurityModelProbe.ForLxc(HostFixtures.Root(HostFixtures.Intel), new HostNotes());
        var model = Assert.Single(models);
        Assert.Equal(("selinux", "0"), (model.Model, model.Doi));
        Assert.Equal(new SecurityLabel("lxc", "system_u:system_r:svirt_lxc_net_t:s0"), Assert.Single(model.BaseLabels));
    }

    [Fact]
    public void AppArmor_without_a_confined_libvirt_daemon_falls_back_to_none()
    {
        using var tree = new TempTree()
            .File(SecurityModelProbe.AppArmorEnabledPath, "Y\n")
            .File(SecurityModelProbe.AppArmorProfilesPath, "/usr/bin/man (enforce)\n");
        var notes = new HostNotes();

        Assert.Equal("none", Assert.Single(SecurityModelProbe.ForLxc(tree.Root, notes)).Model);
        Assert.NotEqual(0, notes.Count);
    }

    [Fact]
    public void The_security_driver_setting_of_qemu_conf_wins()
    {
        using var tree = new TempTree()
            .File(LibvirtConfig.QemuConfPath, "security_driver = \"none\"\nuser = \"+0\"\ngroup = \"+0\"\n")
            .File(SecurityModelProbe.SelinuxEnforcePath, "1\n");

        var models = SecurityModelProbe.ForQemu(tree.Root, new HostNotes());
        Assert.Equal(["none", "dac"], models.Select(m => m.Model));
        Assert.Equal("+0:+0", models[1].BaseLabels[0].Label);
    }
}
