using CpuCompat.Host.Machine;
using CpuCompat.Host.Sysfs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Sysfs;

public sealed class IommuProbeTests
{
    [Fact]
    public void A_host_has_an_iommu_when_any_iommu_group_exists()
    {
        Assert.True(IommuProbe.Read(HostFixtures.Root(HostFixtures.Intel)));
        Assert.False(IommuProbe.Read(HostFixtures.Root(HostFixtures.Amd)));
    }
}
