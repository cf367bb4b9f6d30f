using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;
using CpuCompat.Language.Diagnostics;
using static CpuCompat.Language.Generated.CpuCompatParser;

namespace CpuCompat.Language.Syntax;

/// <summary>Dependencies, tags, ABI levels, pools and checks: what a database or a site's policy file says beyond CPU facts.</summary>
public sealed partial class SyntaxBuilder
{
    private void Dependency(DependencyStatementContext d)
    {
        if (d.REQUIRE() is { } old)
        {
            // 'require' also states what a pool demands of its members; a dependency has its own word.
            _diagnostics.Add(SyntaxDiagnostics.OldDependencySpelling(Span(old.Symbol)));
        }

        if (_arch.Require(Span(d.Start), "a dependency") is { } arch)
        {
            _declarations.Add(new DependencyDeclaration(arch, [.. Names(d.features)], [.. Names(d.requires)], Span(d.Start)));
        }
    }

    private void Tag(TagStatementContext t)
    {
        if (_arch.Require(Span(t.Start), "a tag") is { } arch && Name(t.name()) is { } tag)
        {
            _declarations.Add(new TagDeclaration(arch, tag, [.. Names(t.nameList())], Span(t.Start)));
        }
    }

    private void Pool(PoolStatementContext p)
    {
        if (_arch.Require(Span(p.Start), "a pool") is not { } arch || Name(p.name()) is not { } name)
        {
            return;
        }

        var parts = new PoolParts($"pool '{name.Name}'", _diagnostics);
        foreach (var item in p.poolItem())
        {
            switch (item)
            {
                case PoolForbidContext f: parts.Forbid.AddRange(Names(f.nameList())); break;
                case PoolRequireContext r: parts.Require.AddRange(Names(r.nameList())); break;
                case PoolPreferContext pr: parts.Prefer.AddRange(Names(pr.nameList())); break;
                case PoolAllowContext a: parts.Allow.AddRange(Names(a.nameList())); break;
                case PoolVendorContext v when Name(v.name()) is { } vendor: parts.Vendor(vendor, Span(v.Start)); break;
                case PoolMigratableContext: parts.Migratable = true; break;
                case PoolSelectContext s when Condition(s.condition()) is { } selector: parts.Selectors.Add(selector); break;
                case PoolMinimumContext m when Name(m.name()) is { } minimum: parts.Minimum(minimum, Span(m.Start)); break;
            }
        }

        _declarations.Add(parts.ToDeclaration(arch, name, Span(p.Start)));
    }

    private void Level(LevelStatementContext l)
    {
        if (_arch.Require(Span(l.Start), "a level") is { } arch && Name(l.name(0)) is { } name)
        {
            _declarations.Add(new LevelDeclaration(arch, name, l.@base is { } b ? Name(b) : null, [.. Names(l.nameList())], Span(l.Start)));
        }
    }

    private void Check(CheckStatementContext c)
    {
        if (_arch.Require(Span(c.Start), "a check") is not { } arch)
        {
            return;
        }

        var span = Span(c.Start);
        CheckDeclaration? check = c switch
        {
            GuestsCheckContext g when Name(g.pool) is { } pool => new GuestsCheckDeclaration(arch, g.dir is { } dir ? Text(dir) : null, pool, span),
            MinimumCheckContext m when Name(m.pool) is { } pool && Name(m.model) is { } model => new MinimumCheckDeclaration(arch, pool, model, span),
            DeprecatedCheckContext d when Name(d.pool) is { } pool => new DeprecatedCheckDeclaration(arch, pool, span),
            ExposesCheckContext e when Name(e.pool) is { } pool => new ExposesCheckDeclaration(arch, pool, [.. Names(e.name().Skip(1))], span),
            _ => null,
        };
        if (check is not null)
        {
            _declarations.Add(check);
        }
    }
}
