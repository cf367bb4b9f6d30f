using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace CpuCompat.Libvirt.Tests;

public sealed class LibvirtCodesTests
{
    [Fact]
    public void Codes_are_unique_and_in_the_input_format_range()
    {
        var codes = typeof(LibvirtCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Matches(new Regex("^CC4[0-9]{3}$"), c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
