using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Tests.Diagnostics;

public sealed class NameSuggesterTests
{
    private static readonly string[] Features = ["avx512f", "avx512vl", "sse4.1", "sse4.2", "ssse3", "pcid", "invpcid", "vmx"];

    [Theory]
    [InlineData("avx512", "avx512f")]
    [InlineData("sse4_2", "sse4.2")]
    [InlineData("SSE4-1", "sse4.1")]
    [InlineData("avx512lv", "avx512vl")]
    [InlineData("invpcd", "invpcid")]
    [InlineData("vmz", "vmx")]
    public void A_close_misspelling_gets_the_known_name(string name, string expected)
    {
        Assert.Equal(expected, NameSuggester.Suggest(name, Features));
    }

    [Theory]
    [InlineData("sgx")]
    [InlineData("hypervisor")]
    [InlineData("a")]
    [InlineData("")]
    public void An_unrelated_name_gets_no_suggestion(string name)
    {
        Assert.Null(NameSuggester.Suggest(name, Features));
        Assert.Equal("", NameSuggester.Hint(name, Features));
    }

    [Fact]
    public void A_name_is_never_suggested_for_itself()
    {
        Assert.Null(NameSuggester.Suggest("vmx", ["vmx"]));
    }

    [Fact]
    public void The_closest_candidate_wins_over_an_earlier_one()
    {
        Assert.Equal("pcid", NameSuggester.Suggest("pcdi", ["pcidx", "pcid"]));
        Assert.Equal("sse4.2", NameSuggester.Suggest("sse42", ["sse4.1", "sse4.2"]));
    }

    [Fact]
    public void Hint_is_a_did_you_mean_tail()
    {
        Assert.Equal(" — did you mean 'avx512f'?", NameSuggester.Hint("avx512", Features));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("", "abc", 3)]
    public void Distance_is_the_optimal_string_alignment_distance(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSuggester.Distance(a, b, limit: 10));
        Assert.Equal(expected, NameSuggester.Distance(b, a, limit: 10));
    }

    [Fact]
    public void Distance_stops_just_above_its_limit()
    {
        Assert.Equal(2, NameSuggester.Distance("abcdef", "uvwxyz", limit: 1));
        Assert.Equal(2, NameSuggester.Distance("a", "abcdef", limit: 1));
    }
}
