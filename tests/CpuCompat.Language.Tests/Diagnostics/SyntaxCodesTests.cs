using System.Reflection;
using System.Text.RegularExpressions;
using CpuCompat.Core.Binding;
using CpuCompat.Language.Diagnostics;
using CpuCompat.TestSupport;

namespace CpuCompat.Language.Tests.Diagnostics;

public class SyntaxCodesTests
{
    private static string[] Codes(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void Syntax_codes_are_unique_and_in_the_1xxx_range()
    {
        var codes = Codes(typeof(SyntaxCodes));

        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches(new Regex(@"^CC1\d{3}$"), c));
    }

    [Fact]
    public void Syntax_codes_never_collide_with_binding_codes()
    {
        Assert.Empty(Codes(typeof(SyntaxCodes)).Intersect(Codes(typeof(BindingCodes))));
    }

    [Fact]
    public void Language_reference_documents_every_code()
    {
        var reference = File.ReadAllText(Path.Combine(CpuCompat.TestSupport.RepositoryRoot.Path, "grammar", "README.md"));

        Assert.All(Codes(typeof(SyntaxCodes)).Concat(Codes(typeof(BindingCodes))), c => Assert.Contains($"| {c} |", reference, StringComparison.Ordinal));
    }
}
