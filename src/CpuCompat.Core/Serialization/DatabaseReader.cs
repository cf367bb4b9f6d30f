using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Serialization;

/// <summary>
/// Reads the binary form written by <see cref="DatabaseWriter"/>. Every count and id is checked, so a damaged or
/// hostile file gives an error, never an exception or an inconsistent database.
/// </summary>
public static class DatabaseReader
{
    public static Outcome<CpuDatabase> Read(ReadOnlySpan<byte> bytes) => Read(new MemoryStream(bytes.ToArray(), writable: false));

    public static Outcome<CpuDatabase> Read(Stream stream)
    {
        try
        {
            using var r = new SpanFileReader(stream);
            Span<byte> magic = stackalloc byte[4];
            if (r.Read(magic) != 4 || !magic.SequenceEqual(DatabaseFormat.Magic))
            {
                return Errors.Invalid("not a CpuCompat database file (no CCDB header)");
            }

            var version = r.ReadUInt16();
            if (version != DatabaseFormat.Version)
            {
                return Errors.Invalid($"database format version {version} is not supported (this build reads version {DatabaseFormat.Version}); recompile it with 'cpucompat db compile'");
            }

            var generation = (LibvirtGeneration)r.ReadByte();
            if (!Enum.IsDefined(generation))
            {
                throw new InvalidDataException("unknown libvirt generation");
            }

            var source = r.ReadString();
            r.Files = Build(r, Count(r, 65536), static (r, _) => r.ReadString());
            var count = r.ReadByte();
            var archs = new List<ArchDatabase>();
            for (var i = 0; i < count; i++)
            {
                archs.Add(ReadArch(r));
            }

            if (archs.Select(a => a.Family).Distinct().Count() != archs.Count)
            {
                throw new InvalidDataException("an architecture appears twice");
            }

            return new CpuDatabase(generation, source, archs);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException or DecoderFallbackException or FormatException)
        {
            // FormatException is BinaryReader's answer to a string length that is not a valid 7-bit encoded integer.
            return Errors.Invalid($"the database file is damaged: {e.Message}");
        }
    }

    private static ArchDatabase ReadArch(SpanFileReader r)
    {
        var family = (ArchFamily)r.ReadByte();
        if (!Enum.IsDefined(family) || family == ArchFamily.S390)
        {
            throw new InvalidDataException("unknown architecture family");
        }

        var vendors = Build(r, Count(r, 256), static (r, i) => new VendorDefinition(i, r.ReadString(), ReadOptional(r), ReadOptionalUInt(r), ReadSpan(r)));
        var features = Build(r, Count(r, FeatureSet.Capacity), static (r, i) => ReadFeature(r, i));
        var ids = new Limits(vendors.Length, features.Length);
        var models = Build((r, ids), Count(r, 65536), static (s, i) => ReadModel(s.r, i, s.ids));
        foreach (var m in models)
        {
            if (m.AncestorId is { } a && a >= models.Length)
            {
                throw new InvalidDataException("a model's ancestor is out of range");
            }
        }

        var rules = Build(Count(r, 65536), _ => new RuleDefinition(r.ReadString(), ReadCondition(r, ids, 0), ReadSet(r, ids), ReadSpan(r)));
        var dependencies = Build(Count(r, 65536), _ => new FeatureDependency(ids.Feature(r.ReadInt32()), ReadSet(r, ids), ReadSpan(r)));
        var pools = Build(Count(r, 65536), _ => new PoolPolicy(
            r.ReadString(), ReadSet(r, ids), ReadSet(r, ids), ReadIds(r, models.Length), ReadIds(r, models.Length),
            ids.OptionalVendor(r.ReadInt32()), r.ReadBoolean(), ReadSpan(r))
        {
            Selector = r.ReadBoolean() ? ReadCondition(r, ids, 0) : null,
            Minimum = OptionalId(r.ReadInt32(), models.Length),
        });
        var levels = Build(Count(r, 4096), i => new AbiLevel(r.ReadString(), OptionalId(r.ReadInt32(), i), ReadSet(r, ids), ReadSpan(r)));
        var checks = Build(Count(r, 65536), _ => ReadCheck(r, ids, pools.Length, models.Length));
        return new ArchDatabase(family, vendors, features, models, rules, dependencies, pools) { Levels = levels, Checks = checks };
    }

    /// <summary>An optional id below <paramref name="limit"/>, written as -1 when absent.</summary>
    private static int? OptionalId(int id, int limit) =>
        id < 0 ? null : id < limit ? id : throw new InvalidDataException("an id is out of range");

    private static PoolCheck ReadCheck(SpanFileReader r, Limits ids, int pools, int models)
    {
        var tag = r.ReadByte();
        var pool = OptionalId(r.ReadInt32(), pools) ?? throw new InvalidDataException("a check names no pool");
        PoolCheck check = tag switch
        {
            DatabaseFormat.GuestsCheck => new GuestsCheck(pool, ReadOptional(r), default),
            DatabaseFormat.MinimumCheck => new MinimumCheck(pool, OptionalId(r.ReadInt32(), models) ?? throw new InvalidDataException("a check names no model"), default),
            DatabaseFormat.DeprecatedCheck => new DeprecatedCheck(pool, default),
            DatabaseFormat.ExposesCheck => new ExposesCheck(pool, ReadSet(r, ids), default),
            _ => throw new InvalidDataException($"unknown check tag {tag}"),
        };
        return check with { Span = ReadSpan(r) };
    }

    private static FeatureDefinition ReadFeature(SpanFileReader r, int id)
    {
        var name = r.ReadString();
        var migratable = r.ReadBoolean();
        var bits = Build(r, Count(r, 64), static (r, _) => new DataSlot(
            new DataKey(CheckEnum((DataKind)r.ReadByte()), r.ReadUInt32(), r.ReadUInt32()),
            new Registers(r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32())));
        var aliases = Build(r, Count(r, 64), static (r, _) => new FeatureAlias(r.ReadString(), ReadOptional(r)));
        var tags = Build(r, Count(r, 64), static (r, _) => r.ReadString());
        return new FeatureDefinition(id, name, bits, migratable, aliases, ReadSpan(r)) { Tags = tags };
    }

    private static ModelDefinition ReadModel(SpanFileReader r, int id, Limits ids)
    {
        var name = r.ReadString();
        var vendor = ids.OptionalVendor(r.ReadInt32());
        var ancestor = r.ReadInt32();
        return new ModelDefinition
        {
            Id = id,
            Name = name,
            VendorId = vendor,
            AncestorId = ancestor < 0 ? null : ancestor,
            DecodeHost = r.ReadBoolean(),
            DecodeGuest = r.ReadBoolean(),
            CompatCheck = r.ReadBoolean(),
            IsAlias = r.ReadBoolean(),
            CanonicalName = ReadOptional(r),
            Signatures = Build(r, Count(r, 4096), static (r, _) => new ModelSignature(r.ReadUInt32(), r.ReadUInt32(), ReadOptionalUShort(r))),
            Features = ReadSet(r, ids),
            OwnFeatures = ReadSet(r, ids),
            SubtractedFeatures = ReadSet(r, ids),
            Removed = ReadIds(r, ids.Features),
            Added = ReadIds(r, ids.Features),
            Pvrs = Build(r, Count(r, 4096), static (r, _) => new PvrPattern(r.ReadUInt32(), ReadOptionalUInt(r))),
            Span = ReadSpan(r),
        };
    }

    private static RuleCondition ReadCondition(SpanFileReader r, Limits ids, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidDataException("rule condition nested too deeply");
        }

        return r.ReadByte() switch
        {
            DatabaseFormat.AllOf => new AllOfCondition(Build(Count(r, 4096), _ => ReadCondition(r, ids, depth + 1))),
            DatabaseFormat.AnyOf => new AnyOfCondition(Build(Count(r, 4096), _ => ReadCondition(r, ids, depth + 1))),
            DatabaseFormat.Not => new NotRuleCondition(ReadCondition(r, ids, depth + 1)),
            DatabaseFormat.VendorIs => new VendorIsCondition(ids.Vendor(r.ReadInt32()), r.ReadString()),
            DatabaseFormat.FieldCompare => new FieldCompareCondition(CheckEnum((SignatureField)r.ReadByte()), CheckEnum((CompareOperator)r.ReadByte()), r.ReadUInt32()),
            DatabaseFormat.FieldIn => new FieldInCondition(CheckEnum((SignatureField)r.ReadByte()), Build(Count(r, 4096), _ => r.ReadUInt32())),
            DatabaseFormat.HasFeatures => new HasFeaturesCondition(ReadSet(r, ids), Build(Count(r, FeatureSet.Capacity), _ => r.ReadString())),
            DatabaseFormat.RunsModel => new RunsModelCondition(ReadSet(r, ids), r.ReadString()),
            DatabaseFormat.LabelIs => new LabelIsCondition(r.ReadString(), r.ReadString()),
            var tag => throw new InvalidDataException($"unknown rule condition tag {tag}"),
        };
    }

    private static FeatureSet ReadSet(SpanFileReader r, Limits ids)
    {
        Span<ulong> words = stackalloc ulong[FeatureSet.WordCount];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = r.ReadUInt64();
        }

        var set = FeatureSet.FromWords(words);
        if (!set.IsSubsetOf(FeatureSet.FirstN(ids.Features)))
        {
            throw new InvalidDataException("a feature set names features that do not exist");
        }

        return set;
    }

    private static ImmutableArray<int> ReadIds(SpanFileReader r, int limit) => Build((r, limit), Count(r, 65536), static (s, _) =>
    {
        var (r, limit) = s;
        var id = r.ReadInt32();
        return id >= 0 && id < limit ? id : throw new InvalidDataException("an id is out of range");
    });

    private static int Count(SpanFileReader r, int max)
    {
        var n = r.ReadInt32();
        return n >= 0 && n <= max ? n : throw new InvalidDataException($"a count of {n} is out of range");
    }

    private static ImmutableArray<T> Build<T>(int count, Func<int, T> read) => Build(read, count, static (read, i) => read(i));

    /// <summary>
    /// <paramref name="count"/> records read in order. The hot callers pass static lambdas and their state, so that
    /// reading a database allocates the records and nothing else: no closure, delegate or builder per list (and no
    /// array for an empty one). Every command of the built-in database pays for this at start-up.
    /// </summary>
    private static ImmutableArray<T> Build<TState, T>(TState state, int count, Func<TState, int, T> read)
    {
        if (count == 0)
        {
            return [];
        }

        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = read(state, i);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    private static string? ReadOptional(SpanFileReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static uint? ReadOptionalUInt(SpanFileReader r)
    {
        var has = r.ReadBoolean();
        var value = r.ReadUInt32();
        return has ? value : null;
    }

    private static ushort? ReadOptionalUShort(SpanFileReader r)
    {
        var has = r.ReadBoolean();
        var value = r.ReadUInt16();
        return has ? value : null;
    }

    private static SourceSpan ReadSpan(SpanFileReader r) => new(r.File(r.ReadInt32()), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());

    private static T CheckEnum<T>(T value)
        where T : struct, Enum => Enum.IsDefined(value) ? value : throw new InvalidDataException($"unknown {typeof(T).Name} value");

    private readonly record struct Limits(int Vendors, int Features)
    {
        public int Feature(int id) => id >= 0 && id < Features ? id : throw new InvalidDataException("a feature id is out of range");

        public int Vendor(int id) => id >= 0 && id < Vendors ? id : throw new InvalidDataException("a vendor id is out of range");

        public int? OptionalVendor(int id) => id < 0 ? null : Vendor(id);
    }
}
