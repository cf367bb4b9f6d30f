using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;
using CpuCompat.Language.Diagnostics;
using CpuCompat.Language.Tests.TestSupport;

namespace CpuCompat.Language.Tests.Syntax;

/// <summary>Every check of the builder: its code, its exact line:column, and what it says to do.</summary>
public class SyntaxBuilderDiagnosticsTests
{
    private static (string[] Locations, string[] Messages, List<Declaration> Declarations) Check(params string[] lines)
    {
        var (declarations, diagnostics) = Dsl.Build(string.Join("\n", lines));
        return (Dsl.Locations(diagnostics), [.. diagnostics.Select(d => d.Message)], [.. declarations]);
    }

    [Fact]
    public void Unterminated_string_is_reported_where_it_starts()
    {
        var (locations, messages, _) = Check("compat libvirt \"11.3.0");

        // The parser also misses the ';' after the runaway string (reported first: syntax, then building).
        Assert.Equal(["CC1001 1:23", "CC1003 1:16"], locations);
        Assert.Equal("this string has no closing '\"' on its line; close it.", messages[1]);
    }

    [Fact]
    public void Unknown_escape_is_reported_at_its_backslash()
    {
        var (locations, messages, _) = Check("arch x86_64;", "vendor Intel \"Genu\\ineIntel\";");

        Assert.Equal(["CC1004 2:19"], locations);
        Assert.Contains("'\\i'", messages[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("feature a = cpuid(0x100000000).eax[0];", 19)]
    [InlineData("feature a = cpuid(4294967296).eax[0];", 19)]
    [InlineData("feature a = cpuid(0x1, 99999999999999999999).eax[0];", 24)]
    public void Number_larger_than_32_bits_is_reported(string line, int column)
    {
        var (locations, _, declarations) = Check("arch x86_64;", line);

        Assert.Equal([$"{SyntaxCodes.NumberTooLarge} 2:{column}"], locations);
        Assert.Empty(Assert.IsType<FeatureDeclaration>(Assert.Single(declarations)).Bits);
    }

    [Fact]
    public void Largest_32_bit_number_is_accepted()
    {
        var (locations, _, _) = Check("arch x86_64;", "feature a = cpuid(0xffffffff, 4294967295).eax[0];");

        Assert.Empty(locations);
    }

    [Fact]
    public void Bad_cpuid_register_is_reported()
    {
        var (locations, messages, _) = Check("arch x86_64;", "feature a = cpuid(0x1).eex[0];");

        Assert.Equal(["CC1006 2:24"], locations);
        Assert.Equal("bad register 'eex'; a CPUID location uses eax, ebx, ecx or edx.", messages[0]);
    }

    [Fact]
    public void Msr_location_allows_only_eax_and_edx()
    {
        var (locations, messages, _) = Check("arch x86_64;", "feature a = msr(0x10a).ebx[0];");

        Assert.Equal(["CC1006 2:24"], locations);
        Assert.Equal("bad register 'ebx' for an MSR; use eax for bits 0-31 and edx for bits 32-63.", messages[0]);
    }

    [Fact]
    public void One_location_reports_all_of_its_problems()
    {
        var (locations, _, _) = Check("arch x86_64;", "feature a = cpuid(0x100000000, 0x100000000).eex[40];");

        Assert.Equal(["CC1005 2:19", "CC1005 2:32", "CC1006 2:45", "CC1007 2:49"], locations);
    }

    [Fact]
    public void Bit_past_31_is_reported()
    {
        var (locations, messages, _) = Check("arch x86_64;", "feature a = cpuid(0x1).ecx[0,32];");

        Assert.Equal(["CC1007 2:30"], locations);
        Assert.Equal("bit 32 is out of range; a register has bits 0-31.", messages[0]);
    }

    [Fact]
    public void Msr_bit_past_31_suggests_the_edx_half()
    {
        var (locations, messages, _) = Check("arch x86_64;", "feature a = msr(0x10a).eax[40];");

        Assert.Equal(["CC1007 2:28"], locations);
        Assert.Equal("bit 40 is out of range 0-31; write MSR bits 32-63 as edx[0-31] (bit 40 is edx[8]).", messages[0]);
    }

    [Fact]
    public void Msr_bit_past_63_gets_no_edx_hint()
    {
        var (_, messages, _) = Check("arch x86_64;", "feature a = msr(0x10a).edx[64];");

        Assert.Equal("bit 64 is out of range 0-31; write MSR bits 32-63 as edx[0-31].", Assert.Single(messages));
    }

    [Fact]
    public void Stepping_past_15_is_reported()
    {
        var (locations, messages, declarations) = Check("arch x86_64;", "model M { signature 6:85[0-16], 6:86; }");

        Assert.Equal(["CC1008 2:28"], locations);
        Assert.Equal("stepping 16 is out of range; steppings are 0-15.", messages[0]);
        Assert.Equal([86u], Assert.IsType<ModelDeclaration>(Assert.Single(declarations)).Signatures.Select(s => s.Model));
    }

    [Theory]
    [InlineData("feature a = cpuid(0x1).ecx[5-2];", 28)]
    [InlineData("model M { signature 6:85[4-1]; }", 26)]
    public void Reversed_range_is_reported(string line, int column)
    {
        var (locations, messages, _) = Check("arch x86_64;", line);

        Assert.Equal([$"CC1009 2:{column}"], locations);
        Assert.EndsWith("is reversed; write it as " + (line.Contains("5-2", StringComparison.Ordinal) ? "2-5." : "1-4."), messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_before_any_arch_are_reported_once_and_skipped()
    {
        var (locations, messages, declarations) = Check("compat libvirt \"11.3.0\";", "  vendor Intel \"GenuineIntel\";", "feature a;", "arch x86_64;", "feature b;");

        Assert.Equal(["CC1010 2:3"], locations);
        Assert.StartsWith("a vendor needs an architecture; start the file with 'arch x86_64;'", messages[0], StringComparison.Ordinal);
        Assert.Equal(["compat", "b"], declarations.Select(d => d is FeatureDeclaration f ? f.Name.Name : "compat"));
    }

    [Fact]
    public void Unknown_arch_suggests_a_close_name_and_skips_what_follows()
    {
        var (locations, messages, declarations) = Check("arch x86-64;", "feature a;", "arch ppc64;", "vendor IBM;");

        Assert.Equal(["CC1011 1:6"], locations);
        Assert.Equal("unknown architecture 'x86-64' — did you mean 'x86_64'?", messages[0]);
        Assert.IsType<VendorDeclaration>(Assert.Single(declarations));
    }

    [Fact]
    public void Unknown_arch_without_a_close_name_lists_the_arches()
    {
        var (locations, messages, _) = Check("arch sparc64;");

        Assert.Equal(["CC1011 1:6"], locations);
        Assert.Equal("unknown architecture 'sparc64'; use x86_64, i686, ppc64, ppc64le or aarch64.", messages[0]);
    }

    [Theory]
    [InlineData("vendor Intel;", "vendor AMD;", "vendor")]
    [InlineData("decode host;", "decode guest;", "decode")]
    [InlineData("check compat;", "check compat;", "check")]
    public void Model_body_allows_one_vendor_decode_and_check(string first, string second, string statement)
    {
        var (locations, messages, _) = Check("arch x86_64;", "model M {", "    " + first, "    " + second, "}");

        Assert.Equal(["CC1012 4:5"], locations);
        Assert.Equal($"model 'M' already has a '{statement}' statement at 3:5; keep only one.", messages[0]);
    }

    [Fact]
    public void Pool_body_allows_one_vendor()
    {
        var (locations, messages, _) = Check("arch x86_64;", "pool p { vendor Intel;", "  vendor AMD; }");

        Assert.Equal(["CC1012 3:3"], locations);
        Assert.Equal("pool 'p' already has a 'vendor' statement at 2:10; keep only one.", messages[0]);
    }

    [Fact]
    public void Unknown_decode_flag_suggests_a_close_one()
    {
        var (locations, messages, _) = Check("arch x86_64;", "model M { decode hots; }");

        Assert.Equal(["CC1013 2:18"], locations);
        Assert.Equal("unknown decode flag 'hots' — did you mean 'host'?", messages[0]);
    }

    [Fact]
    public void Repeated_decode_flag_is_reported()
    {
        var (locations, _, _) = Check("arch x86_64;", "model M { decode host guest host; }");

        Assert.Equal(["CC1014 2:29"], locations);
    }

    [Fact]
    public void Decode_none_cannot_be_combined()
    {
        var (locations, _, _) = Check("arch x86_64;", "model M { decode host none; }");

        Assert.Equal(["CC1015 2:23"], locations);
    }

    [Fact]
    public void Only_the_compat_check_exists()
    {
        var (locations, messages, _) = Check("arch x86_64;", "model M { check partial; }");

        Assert.Equal(["CC1016 2:17"], locations);
        Assert.Equal("unknown check 'partial'; the only check is 'check compat;'.", messages[0]);
    }

    [Fact]
    public void Empty_quoted_name_is_reported()
    {
        var (locations, _, declarations) = Check("arch aarch64;", "feature \"\";");

        Assert.Equal(["CC1017 2:9"], locations);
        Assert.Empty(declarations);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_and_the_rest_still_builds()
    {
        var (locations, _, declarations) = Check(
            "arch x86_64;",
            "feature a = cpuid(0x1).exx[0];",
            "feature b = cpuid(0x1).ecx[33];",
            "model M { decode hots; check all; vendor A; vendor B; signature 6:1[20]; }",
            "feature c = cpuid(0x1).ecx[2];");

        Assert.Equal(["CC1006 2:24", "CC1007 3:28", "CC1013 4:18", "CC1016 4:30", "CC1012 4:45", "CC1008 4:69"], locations);
        Assert.Equal(["a", "b", "M", "c"], declarations.Select(d => d switch
        {
            FeatureDeclaration f => f.Name.Name,
            ModelDeclaration m => m.Name.Name,
            _ => "?",
        }));
    }
}
