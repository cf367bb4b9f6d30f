using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Serialization;
using CpuCompat.Core.Tests.Support;
using CpuCompat.TestSupport.Generators;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CpuCompat.Core.Tests.Serialization;

/// <summary>
/// Random valid declaration sets survive bind -> write -> read unchanged; damaged files give an error, never an exception.
/// </summary>
public sealed class DatabaseRoundTripTests
{
    private static readonly CompareOptions Everything = new() { IncludePolicies = true };

    private static CpuDatabase BindOrFail(IReadOnlyList<Declaration> declarations)
    {
        var result = DatabaseBinder.Bind(declarations, new BindOptions { Source = "generated" });
        Assert.True(result.Succeeded, "The generator made invalid declarations:\n" + string.Join("\n", result.Diagnostics));
        return result.Database!;
    }

    private static IEnumerable<SourceSpan> Spans(CpuDatabase db) =>
        from arch in db.Architectures
        from span in arch.Vendors.Select(v => v.Span)
            .Concat(arch.Features.Select(f => f.Span))
            .Concat(arch.Models.Select(m => m.Span))
            .Concat(arch.Rules.Select(r => r.Span))
            .Concat(arch.Dependencies.Select(d => d.Span))
            .Concat(arch.Pools.Select(p => p.Span))
        select span;

    [Property(Arbitrary = [typeof(RandomDeclarations)], MaxTest = 200)]
    public void A_bound_database_reads_back_equal_with_its_spans(DeclarationSet set)
    {
        var original = BindOrFail(set.Declarations);

        var bytes = DatabaseWriter.ToBytes(original);
        var read = DatabaseReader.Read(bytes);

        Assert.True(read.Succeeded, read.Error?.Message);
        Assert.Empty(DatabaseComparer.Compare(original, read.Value, Everything));
        Assert.Equal(original.Source, read.Value.Source);
        Assert.Equal(Spans(original), Spans(read.Value));
        Assert.Equal(bytes, DatabaseWriter.ToBytes(read.Value));
    }

    [Fact]
    public void The_generator_makes_every_kind_of_declaration()
    {
        // Guards the round-trip property against a generator that quietly stops producing some construct.
        var databases = RandomDeclarations.SetGen.Sample(200).Select(s => BindOrFail(s.Declarations)).ToList();
        var archs = databases.SelectMany(d => d.Architectures).ToList();
        var models = archs.SelectMany(a => a.Models).ToList();
        var rules = archs.SelectMany(a => a.Rules).ToList();

        Assert.Contains(databases, d => d.Generation == LibvirtGeneration.Libvirt9);
        Assert.Contains(databases, d => d.Generation == LibvirtGeneration.Libvirt11);
        Assert.All(Enum.GetValues<ArchFamily>().Where(f => f != ArchFamily.S390), f => Assert.Contains(archs, a => a.Family == f)); // s390 has no database section
        Assert.Contains(archs, a => a.Features.Any(f => f.Bits.Any(b => b.Key.Kind == DataKind.Msr)));
        Assert.Contains(archs, a => a.Features.Any(f => f.Bits.Length > 1));
        Assert.Contains(archs, a => a.Features.Any(f => !f.Migratable));
        Assert.Contains(models, m => m.IsAlias);
        Assert.Contains(models, m => m.AncestorId > m.Id);
        Assert.Contains(models, m => !m.SubtractedFeatures.IsEmpty);
        Assert.Contains(models, m => m.Removed.Length > 0 && m.Added.Length > 0);
        Assert.Contains(models, m => m.Signatures.Any(s => s.Steppings is not null));
        Assert.Contains(models, m => m.Pvrs.Any(p => p.Mask is null));
        Assert.Contains(rules, r => r.Condition is AllOfCondition { Operands: [AnyOfCondition or NotRuleCondition, ..] });
        Assert.Contains(rules, r => r.Condition.ToString().Contains("has ", StringComparison.Ordinal));
        Assert.Contains(archs, a => a.Dependencies.Length > 0);
        Assert.Contains(archs, a => a.Pools.Any(p => !p.Forbid.IsEmpty && p.Prefer.Length > 0 && p.VendorId is not null));
        Assert.Contains(archs, a => a.Vendors.Any(v => v.Span.EndLine > 0));
    }

    [Property(Arbitrary = [typeof(RandomDeclarations)], MaxTest = 30)]
    public void A_truncated_random_database_is_an_error(DeclarationSet set)
    {
        var bytes = DatabaseWriter.ToBytes(BindOrFail(set.Declarations));
        var step = Math.Max(1, bytes.Length / 200);
        for (var length = 0; length < bytes.Length; length += step)
        {
            Assert.False(DatabaseReader.Read(bytes.AsSpan(0, length)).Succeeded, $"{length} of {bytes.Length} bytes read as a database.");
        }
    }

    [Fact]
    public void Empty_input_is_an_error()
    {
        var result = DatabaseReader.Read(ReadOnlySpan<byte>.Empty);

        Assert.False(result.Succeeded);
        Assert.Contains("no CCDB header", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_magic_is_an_error()
    {
        var bytes = ValidFile();
        bytes[0] = (byte)'X';

        var result = DatabaseReader.Read(bytes);

        Assert.False(result.Succeeded);
        Assert.Contains("not a CpuCompat database file", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseFormat.Version - 1)]
    [InlineData(DatabaseFormat.Version + 1)]
    [InlineData(ushort.MaxValue)]
    public void Another_format_version_is_an_error_that_says_to_recompile(ushort version)
    {
        var bytes = ValidFile();
        Assert.NotEqual(DatabaseFormat.Version, version);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 2), version);

        var result = DatabaseReader.Read(bytes);

        Assert.False(result.Succeeded);
        Assert.Contains($"format version {version} is not supported", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("recompile", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_is_an_error()
    {
        var bytes = ValidFile();
        Assert.True(DatabaseReader.Read(bytes).Succeeded);

        for (var length = 0; length < bytes.Length; length++)
        {
            var result = DatabaseReader.Read(bytes.AsSpan(0, length));
            Assert.False(result.Succeeded, $"{length} of {bytes.Length} bytes read as a database.");
        }
    }

    [Property(Arbitrary = [typeof(RandomDeclarations)], MaxTest = 50)]
    public void Each_file_that_spans_name_is_written_once(DeclarationSet set)
    {
        var database = BindOrFail(set.Declarations);

        var bytes = DatabaseWriter.ToBytes(database);

        foreach (var file in Spans(database).Select(s => s.File).OfType<string>().Where(f => f.Length > 0).Distinct())
        {
            var name = System.Text.Encoding.UTF8.GetBytes(file);
            Assert.Equal(1, bytes.AsSpan().Count(name));
        }
    }

    [Fact]
    public void Reading_from_a_stream_gives_the_same_database()
    {
        var bytes = ValidFile();
        using var stream = new MemoryStream(bytes);

        var result = DatabaseReader.Read(stream);

        Assert.True(result.Succeeded);
        Assert.Empty(DatabaseComparer.Compare(DatabaseReader.Read(bytes).Value, result.Value, Everything));
    }

    /// <summary>One to eight bytes changed anywhere in the file.</summary>
    public sealed record Flips((int Position, byte Xor)[] Changes)
    {
        public override string ToString() => string.Join(", ", Changes.Select(c => $"[{c.Position}]^={c.Xor:x2}"));
    }

    public static class FlipGenerators
    {
        public static Arbitrary<Flips> Flips() => Arb.From(
            from n in Gen.Choose(1, 8)
            from changes in Gen.ArrayOf(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(1, 255), (p, x) => (p, (byte)x)), n)
            select new Flips(changes));
    }

    [Property(Arbitrary = [typeof(FlipGenerators)], MaxTest = 2000)]
    public void Flipped_bytes_never_make_the_reader_throw(Flips flips)
    {
        var bytes = ValidFile();
        foreach (var (position, xor) in flips.Changes)
        {
            bytes[position % bytes.Length] ^= xor;
        }

        // It may read (a flipped name or flag is still a database) or fail, but it must return.
        var result = DatabaseReader.Read(bytes);
        Assert.True(result.Succeeded || result.Error.Message.Length > 0);
    }

    [Property(MaxTest = 500)]
    public void Garbage_after_a_valid_header_never_makes_the_reader_throw(byte[] tail)
    {
        byte[] bytes = [.. ValidFile().AsSpan(0, 6), .. tail];

        var result = DatabaseReader.Read(bytes);
        Assert.True(result.Succeeded || result.Error.Message.Length > 0);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(new byte[] { 0x05, 0xC3, 0x28, 0xA0, 0xA1, 0xE2 })]
    public void A_malformed_string_is_an_error(byte[] source)
    {
        // Header, generation 11, then the source string: a bad 7-bit length, a negative length, invalid UTF-8.
        byte[] bytes = [.. "CCDB"u8, .. BitConverter.GetBytes(DatabaseFormat.Version), 11, .. source];

        var result = DatabaseReader.Read(bytes);

        Assert.False(result.Succeeded);
        Assert.Contains("damaged", result.Error.Message, StringComparison.Ordinal);
    }

    private static byte[]? _validFile;

    /// <summary>A small database with every kind of record: each architecture, every condition node, pools, aliases.</summary>
    private static byte[] ValidFile() => (byte[])(_validFile ??= DatabaseWriter.ToBytes(SampleDatabase())).Clone();

    internal static CpuDatabase SampleDatabase()
    {
        var b = new DeclarationBuilder();
        b.Compat("9.0.0");
        b.Vendor("Intel", "GenuineIntel");
        b.Vendor("AMD", "AuthenticAMD");
        b.Feature("sse4.2", migratable: true, ["sse4_2"], b.Bits(DataKey.Cpuid(1), 2, 20));
        b.Feature("hle", b.Bits(DataKey.Cpuid(7), 1, 4));
        b.Feature("rtm", b.Bits(DataKey.Cpuid(7), 1, 11));
        b.Feature("invtsc", migratable: false, [], b.Bits(DataKey.Cpuid(0x80000007), 3, 8));
        b.Feature("vmx-msr", b.Bits(DataKey.Msr(0x48f), 3, 0), b.Bits(DataKey.Msr(0x48f), 0, 7));
        b.Alias("hle", "hle-linux");
        b.Model("Haswell", vendor: "Intel", features: ["sse4.2", "hle", "rtm", "removed:invtsc"], signatures: [b.Signature(6, 60, 0b1111), b.Signature(6, 63)]);
        b.Model("Haswell-noTSX", ancestor: "Haswell", features: ["-hle", "-rtm", "added:vmx-msr"], decodeHost: false, compatCheck: true);
        b.Model("Haswell-v2", ancestor: "Haswell-noTSX");
        b.Rule(
            "broken-tsx",
            b.All(
                b.IsVendor("Intel"),
                b.Compare(SignatureField.Family, CompareOperator.Equal, 6),
                b.Any(b.In(SignatureField.Model, 60, 69, 70), b.Not(b.Has("sse4.2", "hle")))),
            "hle",
            "rtm");
        b.Require(["rtm"], "hle");
        b.Pool("prod", forbid: ["hle"], require: ["sse4.2"], prefer: ["Haswell-v2", "Haswell"], allow: ["Haswell"], vendor: "Intel", migratable: true);
        b.Arch = ArchFamily.Ppc64;
        b.Vendor("IBM");
        b.Model("POWER9", vendor: "IBM", pvrs: [b.Pvr(0x004e0000, 0xffff0000)]);
        b.Arch = ArchFamily.Arm;
        b.Vendor("ARM", value: 0x41);
        b.BareFeature("fp");
        b.Model("cortex-a72", vendor: "ARM", pvrs: [b.Pvr(0xd08, null)]);
        return BindOrFail(b.Declarations);
    }
}
