using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Features;
using CpuCompat.Core.Tests.Support;
using CpuCompat.TestSupport.Generators;
using FsCheck.Xunit;

namespace CpuCompat.Core.Tests.Database;

/// <summary>The locator's bit tables give what the definition of a located feature says, feature by feature.</summary>
public sealed class FeatureLocatorTests
{
    [Property(Arbitrary = [typeof(RandomDeclarations)], MaxTest = 200)]
    public void Located_features_are_those_whose_bits_the_data_sets(DeclarationSet set, int seed)
    {
        var bound = DatabaseBinder.Bind(set.Declarations, new BindOptions { Source = "generated" });
        Assert.True(bound.Succeeded);
        var random = new Random(seed);
        foreach (var arch in bound.Database!.Architectures)
        {
            for (var round = 0; round < 8; round++)
            {
                var data = RandomData(arch, random);

                var (full, partial) = arch.Locator.Locate(data);

                var (expectedFull, expectedPartial) = Reference(arch, data);
                Assert.Equal(expectedFull, full);
                Assert.Equal(expectedPartial, partial);
            }
        }
    }

    [Fact]
    public void A_feature_of_two_bits_is_partial_until_both_are_set()
    {
        var builder = new DeclarationBuilder();
        builder.Feature("one", builder.Bits(DataKey.Cpuid(0x1), 3, 0));
        builder.Feature("two", new FeatureBitsSyntax(DataKey.Cpuid(0x7), Registers.Single(1, 0b110), builder.NextSpan()));
        var arch = builder.BindClean();
        var (one, two) = (arch.FindFeature("one")!.Id, arch.FindFeature("two")!.Id);

        var (full, partial) = arch.Locator.Locate(Data(0b010));
        Assert.Equal(FeatureSet.Of(one), full);
        Assert.Equal(FeatureSet.Of(one, two), partial);

        (full, partial) = arch.Locator.Locate(Data(0b111));
        Assert.Equal(FeatureSet.Of(one, two), full);
        Assert.Equal(full, partial);

        static CpuData Data(uint ebx7) =>
            CpuData.From([new DataSlot(DataKey.Cpuid(0x1), new Registers(0, 0, 0, 1)), new DataSlot(DataKey.Cpuid(0x7), new Registers(0, ebx7, 0, 0))]);
    }

    /// <summary>Every key of the map with each feature's bits wholly, partly or not set, plus stray bits and stray keys.</summary>
    private static CpuData RandomData(ArchDatabase arch, Random random)
    {
        var slots = new List<DataSlot>();
        foreach (var f in arch.Features)
        {
            foreach (var bit in f.Bits.IsDefault ? [] : f.Bits)
            {
                var regs = random.Next(3) switch
                {
                    0 => bit.Registers,
                    1 => bit.Registers.And(new Registers((uint)random.Next(), (uint)random.Next(), (uint)random.Next(), (uint)random.Next())),
                    _ => Registers.Zero,
                };
                slots.Add(new DataSlot(bit.Key, regs));
            }
        }

        for (var i = random.Next(4); i > 0; i--)
        {
            slots.Add(new DataSlot(DataKey.Cpuid((uint)random.Next(0, 0x20)), new Registers((uint)random.Next(), 0, (uint)random.Next(), 0)));
        }

        return CpuData.From(slots);
    }

    /// <summary>The definition, feature by feature: full when every bit is set, partial when one is.</summary>
    private static (FeatureSet Full, FeatureSet Partial) Reference(ArchDatabase arch, CpuData data)
    {
        var (full, partial) = (FeatureSet.Empty, FeatureSet.Empty);
        foreach (var f in arch.Features.Where(f => !f.Bits.IsDefaultOrEmpty))
        {
            if (f.Bits.Any(b => data[b.Key].Intersects(b.Registers)))
            {
                partial = partial.With(f.Id);
                if (f.Bits.All(b => data[b.Key].Contains(b.Registers)))
                {
                    full = full.With(f.Id);
                }
            }
        }

        return (full, partial);
    }
}
