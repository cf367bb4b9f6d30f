using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class LibvirtConfigTests
{
    [Fact]
    public void Strings_lists_and_comments_are_understood()
    {
        var config = LibvirtConfig.Parse("""
            # user = "ignored"
            user = "qemu"
            security_driver = [ "selinux", "apparmor" ]
            max_clients = 5000
            """);

        Assert.Equal("qemu", config.Get("user"));
        Assert.Equal(["selinux", "apparmor"], config.GetList("security_driver"));
        Assert.Equal("5000", config.Get("max_clients"));
        Assert.Null(config.Get("group"));
    }
}
