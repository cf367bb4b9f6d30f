using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Libvirt.CpuMap;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Libvirt.Tests.CpuMap;

public sealed class CpuMapWriterTests
{
    public static TheoryData<string> Versions => new(SharedData.LibvirtVersions);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Real_maps_round_trip_through_a_directory(string version)
    {
        var original = CpuMapLoaderTests.Load(version);
        var dir = Directory.CreateTempSubdirectory("cpucompat-map-").FullName;
        try
        {
            var written = CpuMapWriter.Write(original, dir);
            Assert.Empty(written.Diagnostics);

            var reloaded = CpuMapLoader.Load(dir);

            Assert.True(reloaded.Succeeded, string.Join("\n", reloaded.Diagnostics));
            Assert.Empty(reloaded.Diagnostics);
            Assert.Empty(DatabaseComparer.Compare(original, reloaded.Database!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Written_maps_keep_the_ancestors_of_the_original(string version)
    {
        var original = CpuMapLoaderTests.Load(version);

        var files = CpuMapWriter.Render(original).Files.ToDictionary(f => f.Name, f => f.Content);
        var reread = CpuMapReader.Read("mem", name => files.GetValueOrDefault(name));

        Assert.Equal(original.Generation, reread.Generation);
        var ancestors = reread.Declarations.OfType<ModelDeclaration>().Count(m => m.Ancestor is not null);
        Assert.Equal(original.X86!.Models.Count(m => m.AncestorId is not null), ancestors);
    }

    private static readonly SourceSpan At = SourceSpan.None("test");

    private static NameRef N(string name) => new(name, At);

    private static FeatureDeclaration Feature(string name, uint bit) =>
        new(ArchFamily.X86, N(name), [new FeatureBitsSyntax(DataKey.Cpuid(1), Registers.Single(3, 1u << (int)bit), At)], true, [], At);

    private static ModelDeclaration X86Model(string name, string? ancestor, params (string Name, ModelFeatureKind Kind)[] features) =>
        new(ArchFamily.X86, N(name), ancestor is null ? null : N(ancestor), null, [], true, true, false,
            [.. features.Select(f => new ModelFeatureRef(N(f.Name), f.Kind))], [], At);

    private static CpuDatabase Bind(LibvirtGeneration generation, bool declareBeforeUse, params Declaration[] declarations)
    {
        var result = DatabaseBinder.Bind(declarations, new BindOptions { DefaultGeneration = generation, DeclareBeforeUse = declareBeforeUse });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Database!;
    }

    private static (CpuMapWriteResult Written, CpuDatabase Reloaded) RoundTrip(CpuDatabase database)
    {
        var written = CpuMapWriter.Render(database);
        var files = written.Files.ToDictionary(f => f.Name, f => f.Content);
        var reloaded = CpuMapLoader.Bind(CpuMapReader.Read("mem", name => files.GetValueOrDefault(name)), "mem");
        Assert.True(reloaded.Succeeded, string.Join("\n", reloaded.Diagnostics));
        return (written, reloaded.Database!);
    }

    [Theory]
    [InlineData(LibvirtGeneration.Libvirt9)]
    [InlineData(LibvirtGeneration.Libvirt11)]
    public void Descendants_with_features_of_their_own_keep_their_ancestor(LibvirtGeneration generation)
    {
        var db = Bind(generation, true,
            Feature("a", 0), Feature("b", 1), Feature("c", 2),
            X86Model("Base", null, ("a", ModelFeatureKind.Include), ("c", ModelFeatureKind.Removed)),
            X86Model("Derived", "Base", ("b", ModelFeatureKind.Include)),
            X86Model("Alias", "Derived"));

        var (written, reloaded) = RoundTrip(db);

        Assert.Empty(written.Diagnostics);
        Assert.Empty(DatabaseComparer.Compare(db, reloaded));
        Assert.Equal(generation == LibvirtGeneration.Libvirt11, reloaded.X86!.FindModel("Alias")!.IsAlias);
        Assert.Contains("<model name='Base'/>", written.Files.Single(f => f.Name == "x86_Derived.xml").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_drops_inherited_features_is_written_flat_with_a_warning()
    {
        var db = Bind(LibvirtGeneration.Libvirt11, false,
            Feature("a", 0), Feature("b", 1),
            X86Model("Base", null, ("a", ModelFeatureKind.Include), ("b", ModelFeatureKind.Include)),
            X86Model("Smaller", "Base", ("b", ModelFeatureKind.Subtract)));

        var (written, reloaded) = RoundTrip(db);

        var warning = Assert.Single(written.Diagnostics);
        Assert.Equal(LibvirtCodes.AncestorNotWritten, warning.Code);
        var model = reloaded.X86!.FindModel("Smaller")!;
        Assert.Null(model.AncestorId);
        Assert.Equal(["a"], reloaded.X86.NamesOf(model.Features));
    }

    [Fact]
    public void A_model_whose_ancestor_comes_later_is_written_flat()
    {
        var db = Bind(LibvirtGeneration.Libvirt9, false,
            Feature("a", 0),
            X86Model("Early", "Late", ("a", ModelFeatureKind.Include)),
            X86Model("Late", null, ("a", ModelFeatureKind.Include)));

        var written = CpuMapWriter.Render(db);

        Assert.Equal([LibvirtCodes.AncestorNotWritten], written.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Policies_are_left_out_with_a_warning_and_file_names_stay_unique()
    {
        var db = Bind(LibvirtGeneration.Libvirt11, true,
            Feature("a", 0), Feature("b", 1),
            new DependencyDeclaration(ArchFamily.X86, [N("a")], [N("b")], At),
            X86Model("vendors", null), X86Model("a/b", null), X86Model("a_b", null));

        var (written, reloaded) = RoundTrip(db);

        Assert.Equal([LibvirtCodes.PolicyNotWritten], written.Diagnostics.Select(d => d.Code));
        Assert.Equal(written.Files.Length, written.Files.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(["vendors", "a/b", "a_b"], reloaded.X86!.ModelNames);
        Assert.Empty(DatabaseComparer.Compare(db, reloaded));
    }

    [Theory]
    [InlineData(LibvirtGeneration.Libvirt9)]
    [InlineData(LibvirtGeneration.Libvirt11)]
    public void An_empty_database_keeps_its_generation(LibvirtGeneration generation)
    {
        var db = new CpuDatabase(generation, "empty", []);

        var files = CpuMapWriter.Render(db).Files.ToDictionary(f => f.Name, f => f.Content);

        Assert.Equal(generation, CpuMapReader.Read("mem", n => files.GetValueOrDefault(n)).Generation);
    }

    [Fact]
    public void Writing_into_an_impossible_directory_is_a_diagnostic()
    {
        var file = Path.GetTempFileName();
        try
        {
            var written = CpuMapWriter.Write(new CpuDatabase(LibvirtGeneration.Libvirt11, "x", []), Path.Combine(file, "sub"));

            Assert.Equal([LibvirtCodes.FileNotWritable], written.Diagnostics.Select(d => d.Code));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
