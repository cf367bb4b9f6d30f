namespace CpuCompat.Host.Sysfs;

/// <summary>libvirt's <c>virHostHasIOMMU</c>: the host has an IOMMU when <c>/sys/kernel/iommu_groups</c> has any entry.</summary>
public static class IommuProbe
{
    public const string GroupsDir = "/sys/kernel/iommu_groups";

    public static bool Read(HostRoot root) => root.EnumerateEntries(GroupsDir).Count > 0;
}
