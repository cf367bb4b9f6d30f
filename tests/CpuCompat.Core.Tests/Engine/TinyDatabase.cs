using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Tests.Support;

namespace CpuCompat.Core.Tests.Engine;

/// <summary>
/// An x86 database written in the test: vendors Intel and AMD, thirteen features on cpuid(0x1), cpuid(0x7) and
/// cpuid(0x80000007), and whatever models the test declares; plus raw CPUID data and definitions to feed the engine.
/// </summary>
/// <remarks>
/// Map order of the features (= ids): fpu, vme, de, pse, sse, sse2, sse4.1, osxsave, hle, avx2, rtm, avx512f, invtsc.
/// Only invtsc is non-migratable; sse4.1 has the alias sse4_1.
/// </remarks>
internal sealed class TinyDatabase
{
    public const string IntelString = "GenuineIntel";
    public const string AmdString = "AuthenticAMD";

    private const int Ebx = 1;
    private const int Ecx = 2;
    private const int Edx = 3;

    private static readonly (string Name, DataKey Key, int Register, int Bit)[] FeatureBits =
    [
        ("fpu", DataKey.Cpuid(0x1), Edx, 0),
        ("vme", DataKey.Cpuid(0x1), Edx, 1),
        ("de", DataKey.Cpuid(0x1), Edx, 2),
        ("pse", DataKey.Cpuid(0x1), Edx, 3),
        ("sse", DataKey.Cpuid(0x1), Edx, 25),
        ("sse2", DataKey.Cpuid(0x1), Edx, 26),
        ("sse4.1", DataKey.Cpuid(0x1), Ecx, 19),
        ("osxsave", DataKey.Cpuid(0x1), Ecx, 27),
        ("hle", DataKey.Cpuid(0x7), Ebx, 4),
        ("avx2", DataKey.Cpuid(0x7), Ebx, 5),
        ("rtm", DataKey.Cpuid(0x7), Ebx, 11),
        ("avx512f", DataKey.Cpuid(0x7), Ebx, 16),
        ("invtsc", DataKey.Cpuid(0x80000007), Edx, 8),
    ];

    private CpuDatabase? _bound;

    public TinyDatabase()
    {
        Builder.Vendor("Intel", IntelString);
        Builder.Vendor("AMD", AmdString);
        foreach (var (name, key, register, bit) in FeatureBits)
        {
            var bits = Builder.Bits(key, register, bit);
            if (name == "invtsc")
            {
                Builder.Feature(name, migratable: false, [], bits);
            }
            else
            {
                Builder.Feature(name, migratable: true, name == "sse4.1" ? ["sse4_1"] : [], bits);
            }
        }
    }

    public DeclarationBuilder Builder { get; } = new();

    /// <summary>
    /// The usual models, in map order: Old (no vendor: fpu, vme, de), Mid (Intel, Old + sse, sse2),
    /// New (Intel, Mid + avx2) and Amd (AMD: fpu, vme, de, sse).
    /// </summary>
    public static TinyDatabase Lineup() => new TinyDatabase()
        .Model("Old", features: ["fpu", "vme", "de"])
        .Model("Mid", ancestor: "Old", vendor: "Intel", features: ["sse", "sse2"])
        .Model("New", ancestor: "Mid", features: ["avx2"])
        .Model("Amd", vendor: "AMD", features: ["fpu", "vme", "de", "sse"]);

    /// <summary>Declares a model (feature spellings as in <see cref="DeclarationBuilder.Model"/>).</summary>
    public TinyDatabase Model(
        string name,
        string? ancestor = null,
        string? vendor = null,
        string[]? features = null,
        SignatureSyntax[]? signatures = null,
        bool decodeHost = true,
        bool decodeGuest = true)
    {
        Builder.Model(name, ancestor, vendor, features, signatures, decodeHost: decodeHost, decodeGuest: decodeGuest);
        return this;
    }

    /// <summary>libvirt's broken-TSX quirk in small: on Intel family 6 model 60 or 63, hle and rtm are dropped from the data.</summary>
    public TinyDatabase BrokenTsxRule()
    {
        var b = Builder;
        b.Rule(
            "broken-tsx",
            b.All(b.IsVendor("Intel"), b.Compare(SignatureField.Family, CompareOperator.Equal, 6), b.In(SignatureField.Model, 60, 63)),
            "hle",
            "rtm");
        return this;
    }

    public SignatureSyntax Signature(uint family, uint model, ushort? steppings = null) => Builder.Signature(family, model, steppings);

    /// <summary>The bound database; binding errors fail the test.</summary>
    public CpuDatabase Database
    {
        get
        {
            if (_bound is null)
            {
                var result = Builder.Bind();
                Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
                _bound = result.Database!;
            }

            return _bound;
        }
    }

    public ArchDatabase X86 => Database.X86!;

    public CpuEngine Engine() => new(Database);

    /// <summary>Raw CPUID data with the named features' bits set and nothing else.</summary>
    public static CpuData Cpuid(params string[] features) => Cpuid(null, 0, features);

    /// <summary>Raw CPUID data: a leaf-0 vendor string (or none), leaf-1 EAX (0: no signature) and the named features.</summary>
    public static CpuData Cpuid(string? vendor, uint leaf1Eax, params string[] features)
    {
        var slots = new List<DataSlot>();
        if (vendor is not null)
        {
            slots.Add(new DataSlot(DataKey.Cpuid(0x0), Leaf0(vendor)));
        }

        if (leaf1Eax != 0)
        {
            slots.Add(new DataSlot(DataKey.Cpuid(0x1), new Registers(leaf1Eax, 0, 0, 0)));
        }

        foreach (var name in features)
        {
            var (_, key, register, bit) = FeatureBits.Single(f => f.Name == name);
            slots.Add(new DataSlot(key, Registers.Single(register, 1u << bit)));
        }

        return CpuData.From(slots);
    }

    /// <summary>Leaf-1 EAX of a family 6..15 signature: model high nibble in bits 16-19, family 8-11, model 4-7, stepping 0-3.</summary>
    public static uint Eax(uint family, uint model, uint stepping) => ((model >> 4) << 16) | (family << 8) | ((model & 0xF) << 4) | stepping;

    /// <summary>Leaf 0 as a CPU reports it: highest leaf 0xd in EAX, the vendor string in EBX, EDX, ECX.</summary>
    private static Registers Leaf0(string vendor) => vendor switch
    {
        IntelString => new Registers(0xD, 0x756E6547, 0x6C65746E, 0x49656E69),
        AmdString => new Registers(0xD, 0x68747541, 0x444D4163, 0x69746E65),
        _ => throw new ArgumentException($"no leaf 0 for {vendor}", nameof(vendor)),
    };

    /// <summary>A host CPU (x86_64) with features without policy.</summary>
    public static CpuDefinition HostCpu(string? model, string? vendor, params string[] features) =>
        CpuDefinition.NewHost("x86_64") with { Model = model, Vendor = vendor, Features = [.. features.Select(Plain)] };

    /// <summary>A custom guest CPU (match exact, fallback allow) with the given features.</summary>
    public static CpuDefinition Guest(string? model, params CpuFeature[] features) =>
        CpuDefinition.NewGuest() with { Model = model, Features = [.. features] };

    public static CpuFeature Plain(string name) => new(name, null);

    public static CpuFeature Force(string name) => new(name, FeaturePolicy.Force);

    public static CpuFeature Require(string name) => new(name, FeaturePolicy.Require);

    public static CpuFeature Optional(string name) => new(name, FeaturePolicy.Optional);

    public static CpuFeature Disable(string name) => new(name, FeaturePolicy.Disable);

    public static CpuFeature Forbid(string name) => new(name, FeaturePolicy.Forbid);

    /// <summary>The value of a successful outcome; a failure fails the test with its message.</summary>
    public static T Ok<T>(Outcome<T> outcome)
    {
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        return outcome.Value;
    }

    /// <summary>The error of a failed outcome, asserted to be of <paramref name="kind"/>.</summary>
    public static CpuError Fails<T>(Outcome<T> outcome, CpuErrorKind kind)
    {
        Assert.False(outcome.Succeeded, $"expected a {kind} error, got {outcome}");
        Assert.Equal(kind, outcome.Error.Kind);
        return outcome.Error;
    }
}
