using System.Reflection;
using CpuCompat.Host.Machine;
using CpuCompat.Libvirt;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests;

public sealed class HostCodesTests
{
    private static IEnumerable<string> Codes(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Host_codes_are_unique_CC46xx_and_collide_with_no_libvirt_format_code()
    {
        var host = Codes(typeof(HostCodes)).ToList();

        Assert.NotEmpty(host);
        Assert.All(host, code => Assert.Matches(@"^CC46\d\d$", code));
        Assert.Equal(host.Count, host.Distinct().Count());
        Assert.Empty(host.Intersect(Codes(typeof(LibvirtCodes))));
    }
}
