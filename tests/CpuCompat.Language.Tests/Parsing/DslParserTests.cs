using CpuCompat.Language.Diagnostics;
using CpuCompat.Language.Parsing;
using CpuCompat.Language.Tests.TestSupport;

namespace CpuCompat.Language.Tests.Parsing;

public class DslParserTests
{
    [Fact]
    public void Valid_text_parses_without_diagnostics()
    {
        var parsed = DslParser.Parse(Samples.Everything, "all.ccl");

        Assert.Empty(parsed.Diagnostics);
        Assert.False(parsed.HasErrors);
        Assert.Equal("all.ccl", parsed.FileName);
    }

    [Fact]
    public void Missing_semicolon_at_a_line_end_is_reported_right_after_the_previous_token()
    {
        var d = Assert.Single(DslParser.Parse("arch x86_64;\nfeature a = cpuid(0x1).ecx[0]\nfeature b = cpuid(0x1).ecx[1];", Dsl.File).Diagnostics);

        Assert.Equal((SyntaxCodes.SyntaxError, 2, 30), (d.Code, d.Span.Line, d.Span.Column));
        Assert.Equal("missing ';' after ']'.", d.Message);
    }

    [Fact]
    public void Missing_token_inside_a_line_is_reported_after_the_previous_token()
    {
        var d = Assert.Single(DslParser.Parse("arch x86_64 vendor IBM;", Dsl.File).Diagnostics);

        Assert.Equal((SyntaxCodes.SyntaxError, 1, 12), (d.Code, d.Span.Line, d.Span.Column));
        Assert.Equal("missing ';' after 'x86_64'.", d.Message);
    }

    [Fact]
    public void Unexpected_token_names_what_was_expected()
    {
        var d = Assert.Single(DslParser.Parse("arch x86_64;\nmodel X { features a b }", Dsl.File).Diagnostics);

        Assert.Equal((SyntaxCodes.SyntaxError, 2, 24), (d.Code, d.Span.Line, d.Span.Column));
        Assert.Equal("unexpected '}'; expected ';', ',', '+', '-' or a name.", d.Message);
    }

    [Fact]
    public void Unknown_statement_lists_the_statements_that_can_start_there()
    {
        var d = Assert.Single(DslParser.Parse("arch x86_64;\n  fature a;", Dsl.File).Diagnostics);

        Assert.Equal((SyntaxCodes.SyntaxError, 2, 3), (d.Code, d.Span.Line, d.Span.Column));
        Assert.Equal(
            "unexpected 'fature'; expected 'arch', 'compat', 'vendor', 'feature', 'alias', 'model', 'check', 'rule', 'require', 'tag', 'pool', 'depend', 'level' or end of file.",
            d.Message);
    }

    [Fact]
    public void Unexpected_end_of_file_is_reported_where_the_file_ends()
    {
        var d = Assert.Single(DslParser.Parse("arch x86_64;\nmodel X {\n    vendor Intel;\n", Dsl.File).Diagnostics);

        Assert.Equal((SyntaxCodes.SyntaxError, 4, 1), (d.Code, d.Span.Line, d.Span.Column));
        Assert.StartsWith("unexpected end of file; expected 'vendor', 'signature'", d.Message, StringComparison.Ordinal);
        Assert.EndsWith("or '}'.", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_character_is_reported_and_skipped()
    {
        var parsed = DslParser.Parse("arch x86_64;\nfeature a@ = cpuid(0x1).ecx[0];", Dsl.File);

        var d = Assert.Single(parsed.Diagnostics);
        Assert.Equal((SyntaxCodes.InvalidCharacter, 2, 10), (d.Code, d.Span.Line, d.Span.Column));
        Assert.StartsWith("unexpected character '@';", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_shown_as_escapes_in_messages()
    {
        var d = Assert.Single(DslParser.Parse("arch x86_64;\u0001", Dsl.File).Diagnostics);

        Assert.Equal((SyntaxCodes.InvalidCharacter, 1, 13), (d.Code, d.Span.Line, d.Span.Column));
        Assert.Contains("'\\u0001'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_in_source_order()
    {
        var parsed = DslParser.Parse("arch x86_64;\nfeature @a;\nmodel { }\nvendor Intel \"GenuineIntel\"\nrule r when drop x;", Dsl.File);

        // 'drop' could start a label test of a pool selector (drop = "..."), so the error is found at the 'x' after it.
        Assert.Equal(["CC1002 2:9", "CC1001 3:7", "CC1001 4:28", "CC1001 5:18"], Dsl.Locations(parsed.Diagnostics));
    }

    [Fact]
    public void Comments_run_to_the_end_of_the_line()
    {
        var parsed = DslParser.Parse("# a file\narch x86_64; # the arch\n# feature broken = ;\n", Dsl.File);

        Assert.Empty(parsed.Diagnostics);
    }

    [Fact]
    public void Conditions_nested_up_to_the_limit_parse()
    {
        var depth = NestingGuard.Limit;
        var text = $"arch x86_64;\nrule r when {new string('(', depth)}family 6{new string(')', depth)} drop a;";

        Assert.Empty(DslParser.Parse(text, Dsl.File).Diagnostics);
    }

    [Fact]
    public void Conditions_nested_past_the_limit_are_reported_instead_of_overflowing_the_stack()
    {
        var text = $"arch x86_64;\nrule r when {string.Concat(Enumerable.Repeat("not (", 50_000))}family 6{new string(')', 50_000)} drop a;";

        var d = Assert.Single(DslParser.Parse(text, Dsl.File).Diagnostics);

        Assert.Equal(SyntaxCodes.NestingTooDeep, d.Code);
        Assert.Equal(2, d.Span.Line);
    }
}
