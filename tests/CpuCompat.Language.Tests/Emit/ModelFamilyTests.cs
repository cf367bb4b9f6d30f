using CpuCompat.Language.Emit;

namespace CpuCompat.Language.Tests.Emit;

public class ModelFamilyTests
{
    [Theory]
    [InlineData("Haswell-noTSX", "haswell")]
    [InlineData("Haswell-noTSX-IBRS", "haswell")]
    [InlineData("Haswell", "haswell")]
    [InlineData("Haswell-IBRS", "haswell")]
    [InlineData("Haswell-v4", "haswell")]
    [InlineData("Skylake-Client-noTSX-IBRS", "skylake-client")]
    [InlineData("Skylake-Client-v12", "skylake-client")]
    [InlineData("EPYC", "epyc")]
    [InlineData("EPYC-IBPB", "epyc")]
    [InlineData("EPYC-v1", "epyc")]
    [InlineData("EPYC-Rome-v2", "epyc-rome")]
    [InlineData("486", "486")]
    [InlineData("486-v1", "486")]
    [InlineData("pentium2", "pentium2")]
    [InlineData("Opteron_G3", "opteron_g3")]
    [InlineData("POWER7+_v2.1", "power7+_v2.1")]
    [InlineData("-IBRS", "-ibrs")]
    [InlineData("a/b c", "a_b_c")]
    [InlineData("..", "model")]
    public void Family_key_strips_version_and_variant_suffixes(string model, string key)
    {
        Assert.Equal(key, ModelFamily.Key(model));
    }
}
