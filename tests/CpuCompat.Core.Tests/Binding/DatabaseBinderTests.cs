using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Features;
using CpuCompat.Core.Tests.Support;

namespace CpuCompat.Core.Tests.Binding;

/// <summary>What the binder builds from valid declarations: ids, inherited data, aliases, compiled policies.</summary>
public sealed partial class DatabaseBinderTests
{
    private static FeatureSet Features(ArchDatabase db, params string[] names) => FeatureSet.Of(names.Select(n => db.FindFeature(n)!.Id));

    [Fact]
    public void Ids_are_positions_in_declaration_order()
    {
        var b = new DeclarationBuilder();
        b.Model("Late", features: ["c"]);
        b.Feature("c");
        b.Vendor("AMD", "AuthenticAMD");
        b.Feature("a");
        b.Vendor("Intel", "GenuineIntel");
        b.Model("Early");
        b.Feature("b");

        var db = b.BindClean();

        Assert.Equal(["c", "a", "b"], db.Features.Select(f => f.Name));
        Assert.Equal([0, 1, 2], db.Features.Select(f => f.Id));
        Assert.Equal(["AMD", "Intel"], db.Vendors.Select(v => v.Name));
        Assert.Equal([0, 1], db.Vendors.Select(v => v.Id));
        Assert.Equal(["Late", "Early"], db.Models.Select(m => m.Name));
        Assert.Equal([0, 1], db.Models.Select(m => m.Id));
        Assert.Equal(FeatureSet.FirstN(3), db.AllFeatures);
    }

    [Fact]
    public void Model_data_is_the_ancestor_data_plus_its_own_features_minus_what_it_subtracts()
    {
        var b = new DeclarationBuilder();
        foreach (var f in "abcde")
        {
            b.Feature(f.ToString());
        }

        b.Model("Base", features: ["a", "b", "c"]);
        b.Model("Child", ancestor: "Base", features: ["d", "-b"]);
        b.Model("Grandchild", ancestor: "Child", features: ["e"]);

        var db = b.BindClean();
        var child = db.FindModel("Child")!;

        Assert.Equal(Features(db, "a", "c", "d"), child.Features);
        Assert.Equal(Features(db, "d"), child.OwnFeatures);
        Assert.Equal(Features(db, "b"), child.SubtractedFeatures);
        Assert.Equal(db.FindModel("Base")!.Id, child.AncestorId);
        Assert.Equal(Features(db, "a", "c", "d", "e"), db.FindModel("Grandchild")!.Features);
    }

    [Fact]
    public void Removed_and_added_features_are_listed_in_order_but_not_part_of_the_data()
    {
        var b = new DeclarationBuilder();
        foreach (var f in "abcd")
        {
            b.Feature(f.ToString());
        }

        b.Model("M", features: ["a", "removed:c", "added:d", "removed:b"]);

        var m = b.BindClean().FindModel("M")!;

        Assert.Equal(FeatureSet.Of(0), m.Features);
        Assert.Equal([2, 1], m.Removed);
        Assert.Equal([3], m.Added);
    }

    [Theory]
    [InlineData(LibvirtGeneration.Libvirt11, false)]
    [InlineData(LibvirtGeneration.Libvirt9, true)]
    public void The_ancestors_removed_features_are_dropped_from_inherited_data_only_in_libvirt_11(LibvirtGeneration generation, bool inherited)
    {
        var b = new DeclarationBuilder();
        b.Feature("a");
        b.Feature("tsx");
        b.Model("Haswell", features: ["a", "tsx"]);
        b.Model("Haswell-noTSX", ancestor: "Haswell", features: ["removed:tsx"]);
        b.Model("Haswell-v3", ancestor: "Haswell-noTSX", features: ["a"]);

        var db = b.BindClean(generation);

        // The model that lists tsx as removed keeps the copied data; its descendants lose it in 11.x.
        Assert.True(db.FindModel("Haswell-noTSX")!.Features.Contains(1));
        Assert.Equal(inherited, db.FindModel("Haswell-v3")!.Features.Contains(1));
    }

    [Fact]
    public void Signatures_and_vendor_are_inherited_unless_the_model_gives_its_own()
    {
        var b = new DeclarationBuilder();
        b.Vendor("Intel", "GenuineIntel");
        b.Vendor("AMD", "AuthenticAMD");
        b.Model("Base", vendor: "Intel", signatures: [b.Signature(6, 60, 0b1111), b.Signature(6, 63)]);
        b.Model("Same", ancestor: "Base", features: []);
        b.Model("Own", ancestor: "Base", vendor: "AMD", signatures: [b.Signature(23, 1)]);

        var db = b.BindClean();
        var (base_, same, own) = (db.FindModel("Base")!, db.FindModel("Same")!, db.FindModel("Own")!);

        Assert.Equal([new ModelSignature(6, 60, 0b1111), new ModelSignature(6, 63, null)], base_.Signatures);
        Assert.Equal(base_.Signatures, same.Signatures);
        Assert.Equal(base_.VendorId, same.VendorId);
        Assert.Equal([new ModelSignature(23, 1, null)], own.Signatures);
        Assert.Equal(db.FindVendor("AMD")!.Id, own.VendorId);
    }

    [Fact]
    public void Pure_alias_names_its_ancestor_canonically_in_libvirt_11()
    {
        var b = new DeclarationBuilder();
        b.Feature("a");
        b.Model("Haswell-noTSX", features: ["a"]);
        b.Model("Haswell-v2", ancestor: "Haswell-noTSX");

        var db = b.BindClean();
        var alias = db.FindModel("Haswell-v2")!;

        Assert.True(alias.IsAlias);
        Assert.Equal("Haswell-v2", db.FindModel("Haswell-noTSX")!.CanonicalName);
        Assert.Null(alias.CanonicalName);
        Assert.Equal(db.FindModel("Haswell-noTSX")!.Features, alias.Features);
    }

    [Fact]
    public void Pure_alias_is_an_ordinary_model_in_libvirt_9()
    {
        var b = new DeclarationBuilder();
        b.Feature("a");
        b.Model("Haswell-noTSX", features: ["a"]);
        b.Model("Haswell-v2", ancestor: "Haswell-noTSX");

        var db = b.BindClean(LibvirtGeneration.Libvirt9);

        Assert.False(db.FindModel("Haswell-v2")!.IsAlias);
        Assert.Null(db.FindModel("Haswell-noTSX")!.CanonicalName);
    }

    [Fact]
    public void A_model_with_an_ancestor_and_anything_else_is_not_an_alias()
    {
        var b = new DeclarationBuilder();
        b.Vendor("Intel", "GenuineIntel");
        b.Feature("a");
        b.Model("Base");
        b.Model("WithFeature", ancestor: "Base", features: ["a"]);
        b.Model("WithVendor", ancestor: "Base", vendor: "Intel");
        b.Model("WithSignature", ancestor: "Base", signatures: [b.Signature(6, 1)]);

        var db = b.BindClean();

        Assert.All(db.Models, m => Assert.False(m.IsAlias));
        Assert.Null(db.FindModel("Base")!.CanonicalName);
    }

    [Fact]
    public void Model_flags_and_pvrs_are_kept()
    {
        var b = new DeclarationBuilder { Arch = ArchFamily.Ppc64 };
        b.Vendor("IBM");
        b.Model("POWER9", vendor: "IBM", pvrs: [b.Pvr(0x004e0000, 0xffff0000)], decodeHost: false, decodeGuest: true, compatCheck: true);
        b.Model("POWER9-alt", ancestor: "POWER9", decodeGuest: false);

        var db = b.BindClean();
        var (p9, alt) = (db.FindModel("POWER9")!, db.FindModel("POWER9-alt")!);

        Assert.Equal((false, true, true), (p9.DecodeHost, p9.DecodeGuest, p9.CompatCheck));
        Assert.Equal([new PvrPattern(0x004e0000, 0xffff0000)], p9.Pvrs);
        Assert.Equal(p9.Pvrs, alt.Pvrs);
        Assert.False(alt.DecodeGuest);
    }

    [Fact]
    public void Feature_bits_with_the_same_key_are_merged_and_sorted()
    {
        var b = new DeclarationBuilder();
        b.Feature("f", b.Bits(DataKey.Msr(0x10a), 0, 3), b.Bits(DataKey.Cpuid(7), 1, 5), b.Bits(DataKey.Cpuid(7), 1, 9), b.Bits(DataKey.Cpuid(1), 3, 0));

        var f = b.BindClean().FindFeature("f")!;

        Assert.Equal(
            [
                new DataSlot(DataKey.Cpuid(1), new Registers(0, 0, 0, 1)),
                new DataSlot(DataKey.Cpuid(7), new Registers(0, (1u << 5) | (1u << 9), 0, 0)),
                new DataSlot(DataKey.Msr(0x10a), new Registers(1u << 3, 0, 0, 0)),
            ],
            f.Bits);
    }

    [Fact]
    public void Aliases_from_features_and_alias_declarations_are_found_by_name()
    {
        var b = new DeclarationBuilder();
        b.Feature("sse4.1", migratable: true, ["sse4-1"]);
        b.Feature("invtsc", migratable: false, []);
        b.Alias("sse4.1", "sse4_1", "sse4-1");

        var db = b.BindClean();

        Assert.Equal(["sse4-1", "sse4_1"], db.FindFeature("sse4.1")!.Aliases.Select(a => a.Name));
        Assert.Equal("sse4.1", db.FindFeatureOrAlias("sse4_1")!.Name);
        Assert.Null(db.FindFeature("sse4_1"));
        Assert.Equal(FeatureSet.Of(1), db.NonMigratable);
    }

    [Theory]
    [InlineData("9.0.0", LibvirtGeneration.Libvirt9)]
    [InlineData("9.10", LibvirtGeneration.Libvirt9)]
    [InlineData("10.0.0", LibvirtGeneration.Libvirt11)]
    [InlineData("11.3.0", LibvirtGeneration.Libvirt11)]
    public void Compat_declaration_picks_the_generation(string version, LibvirtGeneration expected)
    {
        var b = new DeclarationBuilder();
        b.Compat(version);
        b.Feature("a");

        var result = b.Bind(generation: expected == LibvirtGeneration.Libvirt9 ? LibvirtGeneration.Libvirt11 : LibvirtGeneration.Libvirt9);

        Assert.Equal(expected, result.Database!.Generation);
        Assert.Equal(DeclarationBuilder.File, result.Database.Source);
    }

    [Fact]
    public void Each_architecture_gets_its_own_section_and_id_space()
    {
        var b = new DeclarationBuilder();
        b.Feature("x");
        b.Arch = ArchFamily.Arm;
        b.Vendor("ARM", value: 0x41);
        b.BareFeature("fp");
        b.Model("cortex-a72", vendor: "ARM", pvrs: [b.Pvr(0xd08, null)]);
        b.Arch = ArchFamily.Ppc64;
        b.Model("POWER10", pvrs: [b.Pvr(0x00800000, 0xffff0000)]);

        var db = b.Bind().Database!;

        Assert.Equal(0, db.X86!.FindFeature("x")!.Id);
        Assert.Equal(0, db.Arm!.FindFeature("fp")!.Id);
        Assert.Equal(0x41u, db.Arm.FindVendor("ARM")!.Value);
        Assert.Equal([new PvrPattern(0xd08, null)], db.Arm.FindModel("cortex-a72")!.Pvrs);
        Assert.Equal(0, db.Ppc64!.FindModel("POWER10")!.Id);
        Assert.Empty(db.Ppc64.Features);
    }

    [Fact]
    public void Dependencies_and_pools_compile_to_masks_and_ids()
    {
        var b = new DeclarationBuilder();
        b.Vendor("Intel", "GenuineIntel");
        foreach (var f in new[] { "avx512f", "avx512vl", "avx512bw", "tsx" })
        {
            b.Feature(f);
        }

        b.Model("A", features: ["avx512f"]);
        b.Model("B", features: ["avx512f", "avx512vl", "avx512bw"]);
        b.Require(["avx512vl", "avx512bw"], "avx512f", "avx512vl");
        b.Pool("prod", forbid: ["tsx"], require: ["avx512f"], prefer: ["B", "A"], allow: ["A"], vendor: "Intel", migratable: true);

        var db = b.BindClean();

        // A feature never requires itself.
        Assert.Equal([(1, Features(db, "avx512f")), (2, Features(db, "avx512f", "avx512vl"))], db.Dependencies.Select(d => (d.FeatureId, d.Requires)));
        var pool = db.FindPool("prod")!;
        Assert.Equal(Features(db, "tsx"), pool.Forbid);
        Assert.Equal(Features(db, "avx512f"), pool.Require);
        Assert.Equal([1, 0], pool.Prefer);
        Assert.Equal([0], pool.Allow);
        Assert.Equal(0, pool.VendorId);
        Assert.True(pool.Migratable);
    }
}
