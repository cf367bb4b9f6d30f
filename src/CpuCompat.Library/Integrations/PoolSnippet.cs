using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Engine;
using CpuCompat.Pools;

namespace CpuCompat.Integrations;

/// <summary>One pool's baseline for one system: its snippet, or why that system cannot take it exactly (or that the pool has none).</summary>
public sealed record PoolSnippet(string Pool, TargetSystem System, Outcome<SystemSnippet> Snippet)
{
    /// <summary>
    /// Every pool's baseline for every system, pool by pool in the pools' order. A system that cannot express a
    /// baseline exactly (a policy it lacks, a model it does not know, a feature it cannot name) gets an error for that
    /// pool rather than a snippet that would give the guests less, or more, than the baseline.
    /// </summary>
    public static ImmutableArray<PoolSnippet> Of(CpuEngine engine, IEnumerable<PoolBaseline> pools, IReadOnlyList<TargetSystem> systems)
    {
        var all = ImmutableArray.CreateBuilder<PoolSnippet>();
        foreach (var pool in pools)
        {
            var name = pool.Pool.Name;
            foreach (var system in systems)
            {
                all.Add(new PoolSnippet(name, system, pool.Cpu.TryGetValue(out var cpu)
                    ? Express(engine, system, name, cpu)
                    : Errors.Invalid($"pool {name} has no baseline to give {system.Title()}")));
            }
        }

        return all.ToImmutable();
    }

    private static Outcome<SystemSnippet> Express(CpuEngine engine, TargetSystem system, string pool, Core.Cpu.CpuDefinition cpu) => system switch
    {
        TargetSystem.Nova => NovaCpuConfig.From(pool, cpu).Select(s => (SystemSnippet)s),
        TargetSystem.KubeVirt => KubeVirtCpu.From(pool, cpu).Select(s => (SystemSnippet)s),
        _ => ProxmoxCpuModel.From(pool, cpu, engine.Database.For(engine.FamilyOf(cpu)), engine.Database.Generation).Select(s => (SystemSnippet)s),
    };
}
