using System.Collections.Immutable;
using CpuCompat.Core.Binding;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Tests.Support;

/// <summary>
/// Writes declarations concisely, as if each came from its own line of <c>test.cc</c>: every declaration and every
/// name in it gets a distinct span, so a test can check where a diagnostic points. Methods return what they add.
/// </summary>
/// <remarks>
/// Model feature spellings: <c>f</c> includes, <c>-f</c> subtracts, <c>removed:f</c> and <c>added:f</c> are libvirt's lists.
/// A feature added without explicit bits gets the next free bit of cpuid(0x7) and the leaves after it.
/// </remarks>
internal sealed class DeclarationBuilder
{
    public const string File = "test.cc";

    private int _line;
    private int _column;
    private int _nextBit;

    public List<Declaration> Declarations { get; } = [];

    public ArchFamily Arch { get; set; } = ArchFamily.X86;

    public SourceSpan NextSpan()
    {
        _column += 4;
        return new SourceSpan(File, _line, _column);
    }

    public NameRef Name(string name) => new(name, NextSpan());

    private SourceSpan NewLine()
    {
        _line++;
        _column = 0;
        return new SourceSpan(File, _line, 1);
    }

    private T Add<T>(T declaration)
        where T : Declaration
    {
        Declarations.Add(declaration);
        return declaration;
    }

    private ImmutableArray<NameRef> Names(IEnumerable<string>? names) => names is null ? [] : [.. names.Select(Name)];

    public CompatDeclaration Compat(string version) => Add(new CompatDeclaration(version, NewLine()));

    /// <summary>An x86 vendor gets <paramref name="cpuid"/>; ARM vendors a value; ppc64 vendors neither.</summary>
    public VendorDeclaration Vendor(string name, string? cpuid = null, uint? value = null)
    {
        var span = NewLine();
        return Add(new VendorDeclaration(Arch, Name(name), cpuid, value, span));
    }

    public FeatureDeclaration Feature(string name, params FeatureBitsSyntax[] bits) => Feature(name, migratable: true, [], bits);

    public FeatureDeclaration Feature(string name, bool migratable, string[] aliases, params FeatureBitsSyntax[] bits)
    {
        var span = NewLine();
        var nameRef = Name(name);
        if (bits.Length == 0 && Arch == ArchFamily.X86)
        {
            bits = [NextBit()];
        }

        return Add(new FeatureDeclaration(Arch, nameRef, [.. bits], migratable, [.. aliases.Select(a => new FeatureAliasSyntax(a, "linux", NextSpan()))], span));
    }

    /// <summary>A feature with no bits at all (an error on x86, the normal case on ARM).</summary>
    public FeatureDeclaration BareFeature(string name)
    {
        var span = NewLine();
        return Add(new FeatureDeclaration(Arch, Name(name), [], true, [], span));
    }

    public FeatureBitsSyntax Bits(DataKey key, int register, int bit) => new(key, Registers.Single(register, 1u << bit), NextSpan());

    /// <summary>The next unused bit, 32 per register, 128 per leaf, leaves from 0x7 up.</summary>
    public FeatureBitsSyntax NextBit()
    {
        var n = _nextBit++;
        return Bits(DataKey.Cpuid(0x7 + (uint)(n / 128)), n / 32 % 4, n % 32);
    }

    public AliasDeclaration Alias(string feature, params string[] aliases)
    {
        var span = NewLine();
        return Add(new AliasDeclaration(Arch, Name(feature), [.. aliases.Select(a => new FeatureAliasSyntax(a, "linux", NextSpan()))], span));
    }

    public ModelDeclaration Model(
        string name,
        string? ancestor = null,
        string? vendor = null,
        string[]? features = null,
        SignatureSyntax[]? signatures = null,
        PvrSyntax[]? pvrs = null,
        bool decodeHost = true,
        bool decodeGuest = true,
        bool compatCheck = false)
    {
        var span = NewLine();
        var nameRef = Name(name);
        NameRef? ancestorRef = ancestor is null ? null : Name(ancestor);
        NameRef? vendorRef = vendor is null ? null : Name(vendor);
        var refs = (features ?? []).Select(f => f switch
        {
            ['-', .. var rest] => new ModelFeatureRef(Name(rest), ModelFeatureKind.Subtract),
            _ when f.StartsWith("removed:", StringComparison.Ordinal) => new ModelFeatureRef(Name(f["removed:".Length..]), ModelFeatureKind.Removed),
            _ when f.StartsWith("added:", StringComparison.Ordinal) => new ModelFeatureRef(Name(f["added:".Length..]), ModelFeatureKind.Added),
            _ => new ModelFeatureRef(Name(f), ModelFeatureKind.Include),
        });
        return Add(new ModelDeclaration(
            Arch, nameRef, ancestorRef, vendorRef, [.. signatures ?? []], decodeHost, decodeGuest, compatCheck, [.. refs], [.. pvrs ?? []], span));
    }

    public SignatureSyntax Signature(uint family, uint model, ushort? steppings = null) => new(family, model, steppings, NextSpan());

    public PvrSyntax Pvr(uint value, uint? mask) => new(value, mask, NextSpan());

    public RuleDeclaration Rule(string name, ConditionSyntax condition, params string[] drop)
    {
        var span = NewLine();
        return Add(new RuleDeclaration(Arch, Name(name), condition, Names(drop), span));
    }

    public DependencyDeclaration Require(string[] features, params string[] requires)
    {
        var span = NewLine();
        return Add(new DependencyDeclaration(Arch, Names(features), Names(requires), span));
    }

    public PoolDeclaration Pool(
        string name,
        string[]? forbid = null,
        string[]? require = null,
        string[]? prefer = null,
        string[]? allow = null,
        string? vendor = null,
        bool migratable = false,
        ConditionSyntax[]? select = null,
        string? minimum = null)
    {
        var span = NewLine();
        var nameRef = Name(name);
        return Add(new PoolDeclaration(
            Arch, nameRef, Names(forbid), Names(require), Names(prefer), Names(allow), vendor is null ? null : Name(vendor), migratable, span)
        {
            Selectors = [.. select ?? []],
            Minimum = minimum is null ? null : Name(minimum),
        });
    }

    public LevelDeclaration Level(string name, string? baseLevel, params string[] features)
    {
        var span = NewLine();
        var nameRef = Name(name);
        return Add(new LevelDeclaration(Arch, nameRef, baseLevel is null ? null : Name(baseLevel), Names(features), span));
    }

    public MinimumCheckDeclaration AtLeast(string pool, string model)
    {
        var span = NewLine();
        return Add(new MinimumCheckDeclaration(Arch, Name(pool), Name(model), span));
    }

    public ExposesCheckDeclaration NoHostHas(string pool, params string[] features)
    {
        var span = NewLine();
        return Add(new ExposesCheckDeclaration(Arch, Name(pool), Names(features), span));
    }

    // Conditions (each with its own span).
    public ConditionSyntax All(params ConditionSyntax[] operands) => new AndCondition([.. operands], NextSpan());

    public ConditionSyntax Any(params ConditionSyntax[] operands) => new OrCondition([.. operands], NextSpan());

    public ConditionSyntax Not(ConditionSyntax operand) => new NotCondition(operand, NextSpan());

    public ConditionSyntax IsVendor(string vendor) => new VendorCondition(Name(vendor), NextSpan());

    public ConditionSyntax Compare(SignatureField field, CompareOperator op, uint value) => new CompareCondition(field, op, value, NextSpan());

    public ConditionSyntax In(SignatureField field, params uint[] values) => new InCondition(field, [.. values], NextSpan());

    public ConditionSyntax Has(params string[] features) => new HasCondition(Names(features), NextSpan());

    public ConditionSyntax Runs(string model) => new RunsCondition(Name(model), NextSpan());

    public ConditionSyntax Label(string label, string value, bool negated = false) => new LabelCondition(Name(label), value, negated, NextSpan());

    public BindResult Bind(bool declareBeforeUse = false, LibvirtGeneration generation = LibvirtGeneration.Libvirt11) =>
        DatabaseBinder.Bind(Declarations, new BindOptions { DeclareBeforeUse = declareBeforeUse, DefaultGeneration = generation, Source = File });

    /// <summary>Binds and asserts there was no error; returns the section of <see cref="Arch"/>.</summary>
    public ArchDatabase BindClean(LibvirtGeneration generation = LibvirtGeneration.Libvirt11)
    {
        var result = Bind(generation: generation);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Database!.For(Arch)!;
    }
}
