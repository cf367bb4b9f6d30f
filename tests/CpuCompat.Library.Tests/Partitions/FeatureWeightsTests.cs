using CpuCompat.Partitions;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Partitions;

/// <summary>Weights files: names, aliases, globs and tags; the last matching rule wins; every mistake is one line that names the file and line.</summary>
public sealed class FeatureWeightsTests
{
    private static readonly CpuCompatibility Compat = CpuCompatibility.OpenBuiltIn();

    [Fact]
    public void Default_weights_count_every_feature_once()
    {
        var x86 = Compat.Database.X86!;
        var table = FeatureWeights.Uniform.For(x86);
        Assert.Equal(x86.Features.Length, table.Of(x86.AllFeatures));
        Assert.All(x86.Features, f => Assert.Equal(1, table[f.Id]));
    }

    [Fact]
    public void Globs_tags_names_and_aliases_set_weights_and_the_last_matching_rule_wins()
    {
        var weights = Parse("""
            # vector extensions count more
            default 2
            avx*       3   # every avx feature...
            avx512*    5   # ...and avx512 more than that
            tag:security 7
            sse4_2     9   # Linux's name of sse4.2
            ibrs       0
            """);
        var x86 = Compat.Database.X86!;
        var table = weights.For(x86);
        int W(string name) => table[x86.FindFeature(name)!.Id];
        Assert.Equal(2, weights.Default);
        Assert.Equal(3, W("avx2"));
        Assert.Equal(5, W("avx512f"));
        Assert.Equal(7, W("md-clear"));
        Assert.Equal(0, W("ibrs"));
        Assert.Equal(9, W("sse4.2"));
        Assert.Equal(2, W("fpu"));

        // A set's weight is the sum of its features' weights.
        var set = Core.Features.FeatureSet.Of(x86.FindFeature("avx2")!.Id, x86.FindFeature("avx512f")!.Id, x86.FindFeature("fpu")!.Id, x86.FindFeature("ibrs")!.Id);
        Assert.Equal(3 + 5 + 2 + 0, table.Of(set));
    }

    [Theory]
    [InlineData("avx2\n", "w.txt:1: expected 'FEATURE WEIGHT' or 'default WEIGHT', found 'avx2'")]
    [InlineData("# ok\n\navx2 3 4\n", "w.txt:3: expected 'FEATURE WEIGHT' or 'default WEIGHT', found 'avx2 3 4'")]
    [InlineData("avx2 -1\n", "w.txt:1: the weight '-1' is not a whole number from 0 to 1000")]
    [InlineData("avx2 1.5\n", "w.txt:1: the weight '1.5' is not a whole number from 0 to 1000")]
    [InlineData("avx2 1001\n", "w.txt:1: the weight '1001' is not a whole number from 0 to 1000")]
    [InlineData("default 1\ndefault 2\n", "w.txt:2: a second 'default' line (one default weight a file)")]
    [InlineData("avx 1\navx5l2f 3\n", "w.txt:2: no feature named 'avx5l2f' — did you mean 'avx512f'?")]
    [InlineData("avx1024* 2\n", "w.txt:1: 'avx1024*' matches no feature")]
    [InlineData("tag:securty 2\n", "w.txt:1: no feature has the tag 'securty' — did you mean 'security'? (tags: nested-virtualization, security)")]
    public void A_bad_line_is_an_error_naming_the_file_and_line(string text, string message)
    {
        var result = FeatureWeights.Parse(text, "w.txt", Compat.Database);
        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Error!.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_that_names_it()
    {
        using var dir = new TempDirectory();
        var result = Compat.ReadWeights(dir.File("none.txt"));
        Assert.False(result.Succeeded);
        Assert.Equal($"cannot read the weights file {dir.File("none.txt")}: no such file", result.Error!.Message);
        var file = Compat.ReadWeights(dir.Write("w.txt", "avx2 4\n"));
        Assert.Equal(dir.File("w.txt"), file.Value.Source);
    }

    private static FeatureWeights Parse(string text)
    {
        var result = FeatureWeights.Parse(text, "weights.txt", Compat.Database);
        Assert.True(result.Succeeded, result.ToString());
        return result.Value;
    }
}
