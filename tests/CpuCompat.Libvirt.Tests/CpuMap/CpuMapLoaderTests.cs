using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.CpuMap;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Libvirt.Tests.CpuMap;

/// <summary>The real libvirt maps load with the facts libvirt's loader gives them: vendors, features, models, aliases, both generations.</summary>
public sealed class CpuMapLoaderTests
{
    public static TheoryData<string, int, int, LibvirtGeneration, int> Maps => new()
    {
        { "9.0.0", 212, 58, LibvirtGeneration.Libvirt9, 17 },
        { "11.3.0", 364, 150, LibvirtGeneration.Libvirt11, 18 },
    };

    public static TheoryData<string> Versions => new(SharedData.LibvirtVersions);

    internal static CpuDatabase Load(string version)
    {
        var result = CpuMapLoader.Load(SharedData.CpuMapDir(version));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Database!;
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void Real_maps_load_without_errors_and_with_the_documented_counts(string version, int x86Features, int x86Models, LibvirtGeneration generation, int armFeatures)
    {
        var result = CpuMapLoader.Load(SharedData.CpuMapDir(version));

        Assert.Empty(result.Diagnostics.Where(d => d.IsError));
        var db = Assert.IsType<CpuDatabase>(result.Database);
        Assert.Equal(generation, db.Generation);
        Assert.Equal(x86Features, db.X86!.Features.Length);
        Assert.Equal(x86Models, db.X86.Models.Length);
        Assert.Equal(["Intel", "AMD", "Hygon"], db.X86.VendorNames);
        Assert.Equal(["POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500", "POWERPC_e6500"], db.Ppc64!.ModelNames);
        Assert.Equal(["IBM", "Freescale"], db.Ppc64.VendorNames);
        Assert.Equal(armFeatures, db.Arm!.Features.Length);
        Assert.Equal("sve", db.Arm.Features[0].Name);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Generation_is_detected_from_the_index(string version)
    {
        var read = CpuMapReader.Read(SharedData.CpuMapDir(version));

        var expected = version == "9.0.0" ? LibvirtGeneration.Libvirt9 : LibvirtGeneration.Libvirt11;
        Assert.Equal(expected, read.Generation);
        var compat = Assert.IsType<Core.Declarations.CompatDeclaration>(read.Declarations[0]);
        Assert.Equal(version, compat.LibvirtVersion);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_x86_feature_is_exactly_one_bit_and_no_two_share_it(string version)
    {
        var db = Load(version);

        var seen = new HashSet<(DataKey, int, uint)>();
        foreach (var feature in db.X86!.Features)
        {
            var slot = Assert.Single(feature.Bits);
            Assert.Equal(1, slot.Registers.PopCount());
            var register = Enumerable.Range(0, 4).Single(r => slot.Registers[r] != 0);
            Assert.True(seen.Add((slot.Key, register, slot.Registers[register])), $"{feature.Name} shares a bit");
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Only_xsaves_and_invtsc_are_non_migratable(string version)
    {
        var db = Load(version);

        Assert.Equal(["xsaves", "invtsc"], db.X86!.Features.Where(f => !f.Migratable).Select(f => f.Name).OrderDescending());
    }

    [Fact]
    public void Feature_order_follows_each_map()
    {
        var old = Load("9.0.0").X86!;
        var current = Load("11.3.0").X86!;

        // 9.0.0 starts with leaf 1 EDX (fpu); 11.3.0 is sorted by leaf, sub-leaf, register: leaf 1 ECX first.
        Assert.Equal("fpu", old.Features[0].Name);
        Assert.Equal("pni", current.Features[0].Name);
        var names = current.FeatureNames.ToList();
        Assert.True(names.IndexOf("rdrand") < names.IndexOf("vme"));
        Assert.True(names.IndexOf("lahf_lm") < names.IndexOf("syscall"));
        Assert.True(current.Features[^1].IsMsr);
    }

    [Fact]
    public void Versioned_aliases_set_canonical_names_in_11()
    {
        var x86 = Load("11.3.0").X86!;

        var alias = x86.FindModel("Haswell-v2")!;
        Assert.True(alias.IsAlias);
        Assert.Equal("Haswell-noTSX", x86.Models[alias.AncestorId!.Value].Name);
        Assert.Equal(x86.FindModel("Haswell-noTSX")!.Features, alias.Features);
        Assert.Equal("Haswell-v2", x86.FindModel("Haswell-noTSX")!.CanonicalName);
        Assert.False(alias.DecodeGuest);
        Assert.True(alias.DecodeHost);
    }

    [Fact]
    public void The_9_map_has_no_ancestors_aliases_or_canonical_names()
    {
        var x86 = Load("9.0.0").X86!;

        Assert.All(x86.Models, m =>
        {
            Assert.Null(m.AncestorId);
            Assert.False(m.IsAlias);
            Assert.Null(m.CanonicalName);
            Assert.Empty(m.Added);
            Assert.False(m.CompatCheck);
        });
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Removed_features_are_listed_but_not_part_of_the_model(string version)
    {
        var x86 = Load(version).X86!;

        var opteron = x86.FindModel("Opteron_G3")!;
        var monitor = x86.FindFeature("monitor")!.Id;
        Assert.Equal([monitor], opteron.Removed);
        Assert.False(opteron.Features.Contains(monitor));
        Assert.Equal("AMD", x86.Vendors[opteron.VendorId!.Value].Name);
        Assert.Equal([new ModelSignature(15, 6, null)], opteron.Signatures);
    }

    [Fact]
    public void Skylake_Server_11_has_steppings_check_mpx_removed_and_vmx_added()
    {
        var x86 = Load("11.3.0").X86!;

        var model = x86.FindModel("Skylake-Server")!;
        Assert.Equal([new ModelSignature(6, 85, 0b1_1111)], model.Signatures);
        Assert.True(model.CompatCheck);
        Assert.Equal(["mpx"], model.Removed.Select(id => x86.Features[id].Name));
        Assert.All(model.Added, id => Assert.StartsWith("vmx-", x86.Features[id].Name));
        Assert.Equal(72, model.Added.Length);
        Assert.False(model.Features.Contains(x86.FindFeature("vmx-ept")!.Id));
    }

    [Fact]
    public void Ppc64_and_arm_models_keep_their_pvrs_and_vendors()
    {
        var db = Load("11.3.0");

        var power8 = db.Ppc64!.FindModel("POWER8")!;
        Assert.Equal("IBM", db.Ppc64.Vendors[power8.VendorId!.Value].Name);
        Assert.Equal(new PvrPattern(0x004b0000, 0xffff0000), power8.Pvrs[0]);
        Assert.Equal(3, power8.Pvrs.Length);
        var a57 = db.Arm!.FindModel("cortex-a57")!;
        Assert.Equal([new PvrPattern(0xd07, null)], a57.Pvrs);
        Assert.Equal(0x41u, db.Arm.FindVendor("ARM")!.Value);
    }

    [Fact]
    public void Aliases_of_features_are_kept_with_their_source()
    {
        var x86 = Load("11.3.0").X86!;

        Assert.Contains(new FeatureAlias("sse4_1", "qemu"), x86.FindFeature("sse4.1")!.Aliases);
        Assert.Same(x86.FindFeature("cmt"), x86.FindFeatureOrAlias("cqm"));
    }
}
