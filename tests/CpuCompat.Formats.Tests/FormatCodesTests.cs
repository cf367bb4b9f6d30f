using System.Reflection;
using System.Text.RegularExpressions;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using Xunit;

namespace CpuCompat.Formats.Tests;

public sealed class FormatCodesTests
{
    [Fact]
    public void Codes_are_unique_and_in_the_CC45xx_range()
    {
        var codes = typeof(FormatCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Matches(new Regex("^CC45[0-9]{2}$"), c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
