using System.Collections.Immutable;
using Antlr4.Runtime;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;
using CpuCompat.Language.Parsing;
using static CpuCompat.Language.Generated.CpuCompatParser;

namespace CpuCompat.Language.Syntax;

/// <summary>
/// Turns a parse tree into Core <see cref="Declaration"/>s, checking what the grammar leaves open (registers, bit and
/// stepping ranges, arch, repeated body statements). The only hand-written file that reads generated tree types.
/// Trees repaired by error recovery may lack parts: a declaration is still built when its name is there, so one
/// typo does not turn every use of that name into an "unknown" error; only the broken part is left out.
/// </summary>
public sealed partial class SyntaxBuilder
{
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly List<Declaration> _declarations = [];
    private readonly ArchScope _arch;

    private SyntaxBuilder(string file)
    {
        _file = file;
        _arch = new ArchScope(_diagnostics);
    }

    public static SyntaxBuildResult Build(ParsedFile parsed)
    {
        var builder = new SyntaxBuilder(parsed.FileName);
        foreach (var statement in ((FileContext)parsed.Tree).statement())
        {
            builder.Statement(statement);
        }

        return new SyntaxBuildResult([.. builder._declarations], builder._diagnostics.ToImmutable());
    }

    private void Statement(StatementContext statement)
    {
        switch (statement.GetChild(0))
        {
            case ArchStatementContext a when Name(a.name()) is { } arch:
                _arch.Set(arch);
                break;
            case CompatStatementContext c when Text(c.@string()) is { } version:
                _declarations.Add(new CompatDeclaration(version, Span(c.Start)));
                break;
            case VendorStatementContext v:
                Vendor(v);
                break;
            case FeatureStatementContext f:
                Feature(f);
                break;
            case AliasStatementContext a:
                Alias(a);
                break;
            case ModelStatementContext m:
                Model(m);
                break;
            case RuleStatementContext r:
                Rule(r);
                break;
            case DependencyStatementContext d:
                Dependency(d);
                break;
            case TagStatementContext t:
                Tag(t);
                break;
            case LevelStatementContext l:
                Level(l);
                break;
            case PoolStatementContext p:
                Pool(p);
                break;
            case CheckStatementContext c:
                Check(c);
                break;
        }
    }

    private void Vendor(VendorStatementContext v)
    {
        if (_arch.Require(Span(v.Start), "a vendor") is { } arch && Name(v.name()) is { } name)
        {
            var value = v.number() is { } n ? Number(n) : null;
            _declarations.Add(new VendorDeclaration(arch, name, Text(v.@string()), value, Span(v.Start)));
        }
    }

    private void Feature(FeatureStatementContext f)
    {
        if (_arch.Require(Span(f.Start), "a feature") is not { } arch || Name(f.name()) is not { } name)
        {
            return;
        }

        var bits = f.location().Select(Location).OfType<FeatureBitsSyntax>().ToImmutableArray();
        var migratable = !f.featureOption().OfType<NonmigratableOptionContext>().Any();
        var aliases = f.featureOption().OfType<AliasOptionContext>().SelectMany(o => o.aliasSpelling()).Select(Spelling);
        _declarations.Add(new FeatureDeclaration(arch, name, bits, migratable, [.. aliases.OfType<FeatureAliasSyntax>()], Span(f.Start)));
    }

    private FeatureBitsSyntax? Location(LocationContext location)
    {
        var (key, register, bits, msr) = location switch
        {
            CpuidLocationContext c => (CpuidKey(c), c.register, c.bits(), false),
            MsrLocationContext x => (Number(x.index) is { } index ? DataKey.Msr(index) : (DataKey?)null, x.register, x.bits(), true),
            _ => (null, null, null, false),
        };

        // Every part is checked even when another is broken, so one location reports all its problems.
        var registerIndex = Name(register) is { } r ? RegisterIndex(r, msr) : null;
        var ranges = bits?.range().Select(Range).ToList() ?? [];
        var mask = bits is null || ranges.Contains(null)
            ? null
            : RangeMask.Build(ranges.OfType<RangeSyntax>(), msr ? RangeKind.MsrBits : RangeKind.RegisterBits, _diagnostics);
        return key is { } k && registerIndex is { } i && mask is { } m
            ? new FeatureBitsSyntax(k, Registers.Single(i, m), Span(location.Start))
            : null;
    }

    private DataKey? CpuidKey(CpuidLocationContext c)
    {
        var leaf = Number(c.leaf);
        var subleaf = c.subleaf is null ? 0 : Number(c.subleaf);
        return leaf is { } l && subleaf is { } s ? DataKey.Cpuid(l, s) : null;
    }

    private int? RegisterIndex(NameRef register, bool msr)
    {
        int? index = register.Name switch { "eax" => 0, "ebx" => 1, "ecx" => 2, "edx" => 3, _ => null };
        if (index is null || (msr && index is 1 or 2))
        {
            _diagnostics.Add(SyntaxDiagnostics.Register(register.Span, register.Name, msr));
            return null;
        }

        return index;
    }

    private RangeSyntax? Range(RangeContext range)
    {
        var from = Number(range.from);
        var to = range.to is null ? null : Number(range.to);
        if (from is null || (range.to is not null && to is null))
        {
            return null;
        }

        return new RangeSyntax(from.Value, Span(range.from.Start), to, range.to is null ? default : Span(range.to.Start));
    }

    private FeatureAliasSyntax? Spelling(AliasSpellingContext spelling) => spelling switch
    {
        SourcedSpellingContext s when Name(s.source) is { } source && Name(s.spelling) is { } name =>
            new FeatureAliasSyntax(name.Name, source.Name, source.Span),
        PlainSpellingContext p when Name(p.aliasName()) is { } name => new FeatureAliasSyntax(name.Name, null, name.Span),
        _ => null,
    };

    private void Alias(AliasStatementContext a)
    {
        if (_arch.Require(Span(a.Start), "an alias") is { } arch && Name(a.name()) is { } feature)
        {
            var spellings = a.aliasSpelling().Select(Spelling).OfType<FeatureAliasSyntax>();
            _declarations.Add(new AliasDeclaration(arch, feature, [.. spellings], Span(a.Start)));
        }
    }

    private void Model(ModelStatementContext m)
    {
        if (_arch.Require(Span(m.Start), "a model") is not { } arch || Name(m.name(0)) is not { } name)
        {
            return;
        }

        var parts = new ModelParts($"model '{name.Name}'", _diagnostics);
        foreach (var item in m.modelBody()?.modelItem() ?? [])
        {
            ModelItem(item, parts);
        }

        var ancestor = m.ancestor is null ? null : Name(m.ancestor);
        _declarations.Add(parts.ToDeclaration(arch, name, ancestor, Span(m.Start)));
    }

    private void ModelItem(ModelItemContext item, ModelParts parts)
    {
        var span = Span(item.Start);
        switch (item)
        {
            case ModelVendorContext v when Name(v.name()) is { } vendor:
                parts.Vendor(vendor, span);
                break;
            case ModelSignatureContext s:
                foreach (var signature in s.signature().Select(Signature).OfType<SignatureSyntax>())
                {
                    parts.Signature(signature);
                }

                break;
            case ModelDecodeContext d:
                parts.Decode(Names(d.name()), span);
                break;
            case ModelCheckContext c when Name(c.name()) is { } check:
                parts.Check(check, span);
                break;
            case ModelFeaturesContext f:
                foreach (var feature in f.modelFeature())
                {
                    if (Name(feature.name()) is { } featureName)
                    {
                        parts.Feature(featureName, feature.sign?.Type == MINUS ? ModelFeatureKind.Subtract : ModelFeatureKind.Include);
                    }
                }

                break;
            case ModelRemovedContext r:
                Names(r.nameList()).ForEach(n => parts.Feature(n, ModelFeatureKind.Removed));
                break;
            case ModelAddedContext a:
                Names(a.nameList()).ForEach(n => parts.Feature(n, ModelFeatureKind.Added));
                break;
            case ModelPvrContext p when Number(p.value) is { } value:
                var mask = p.mask is null ? null : Number(p.mask);
                if (p.mask is null || mask is not null)
                {
                    parts.Pvr(new PvrSyntax(value, mask, span));
                }

                break;
        }
    }

    private SignatureSyntax? Signature(SignatureContext s)
    {
        var family = Number(s.family);
        var model = Number(s.model);
        var ranges = s.range().Select(Range).ToList();
        ushort? steppings = null;
        if (ranges.Count > 0)
        {
            var mask = ranges.Contains(null) ? null : RangeMask.Build(ranges.OfType<RangeSyntax>(), RangeKind.Steppings, _diagnostics);
            if (mask is null)
            {
                return null;
            }

            steppings = (ushort)mask.Value;
        }

        return family is { } f && model is { } m ? new SignatureSyntax(f, m, steppings, Span(s.Start)) : null;
    }

    private List<NameRef> Names(NameListContext? list) => Names(list?.name() ?? []);

    private List<NameRef> Names(IEnumerable<NameContext> names) => [.. names.Select(n => Name(n)).OfType<NameRef>()];

    /// <summary>
    /// A <c>name</c> or <c>aliasName</c>: one token, quoted or bare. Null when error recovery left it out, so that
    /// nothing is built from ANTLR's "&lt;missing NAME&gt;" placeholders.
    /// </summary>
    private NameRef? Name(ParserRuleContext? name)
    {
        if (name is null || name.exception is not null || name.Start is not { TokenIndex: >= 0 } token || name.ChildCount == 0)
        {
            return null;
        }

        if (name.GetChild(0) is StringContext s)
        {
            if (Text(s) is not { } text)
            {
                return null;
            }

            if (text.Length == 0)
            {
                _diagnostics.Add(SyntaxDiagnostics.Empty(Span(token)));
                return null;
            }

            return new NameRef(text, Span(token));
        }

        return new NameRef(token.Text, Span(token));
    }

    private string? Text(StringContext? s) =>
        s is null || s.exception is not null || s.Start is not { TokenIndex: >= 0 } token
            ? null
            : Literals.String(token.Text, token.Type == STRING, Span(token), _diagnostics);

    private uint? Number(NumberContext? n) =>
        n is null || n.exception is not null || n.Start is not { TokenIndex: >= 0 } token || !DslParser.IsNumber(token.Type)
            ? null
            : Literals.Number(token.Text, Span(token), _diagnostics);

    /// <summary>ANTLR columns count from 0, ours from 1.</summary>
    private SourceSpan Span(IToken token) => new(_file, token.Line, token.Column + 1);
}
