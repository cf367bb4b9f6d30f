using System.Collections.Immutable;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Fleets;
using CpuCompat.Inputs;

namespace CpuCompat.Pools;

/// <summary>
/// One verdict of <c>cpucompat check</c>: in pool <see cref="Pool"/>, the check <see cref="Name"/> (a guest's file name,
/// or the check statement), whether it passed, and if not the message, the hosts at fault (a few named, all counted)
/// and the features at fault.
/// </summary>
public sealed record CheckResult(string Pool, string Name, bool Passed, string? Message, ImmutableArray<string> Hosts, int HostCount, ImmutableArray<string> Features)
{
    public static CheckResult Pass(string pool, string name) => new(pool, name, true, null, [], 0, []);

    public static CheckResult Fail(string pool, string name, string message, IEnumerable<string>? hosts = null, int hostCount = 0, IEnumerable<string>? features = null) =>
        new(pool, name, false, message, [.. hosts ?? []], hostCount, [.. features ?? []]);
}

/// <summary>
/// Evaluates a policy's <c>check</c> statements over the pools of a fleet; without any, every guest of
/// <c>--guests</c> must run on every pool. A check names a pool policy; with <c>--by</c> it applies to every group of it.
/// </summary>
public static class PoolChecks
{
    public static ImmutableArray<CheckResult> Evaluate(
        CpuEngine engine, Fleet fleet, IReadOnlyList<PoolBaseline> pools, string? guestsDirectory, AllowedModels? models)
    {
        var reader = new CpuReader(engine);
        var guestCache = new Dictionary<string, Core.Outcome<ImmutableArray<Guest>>>(StringComparer.Ordinal);
        Core.Outcome<ImmutableArray<Guest>> GuestsOf(string directory) =>
            guestCache.TryGetValue(directory, out var cached) ? cached : guestCache[directory] = Guests.Read(directory, reader);

        var checks = engine.Database.Architectures.SelectMany(a => a.Checks.Select(c => (Arch: a, Check: c))).ToList();
        var results = ImmutableArray.CreateBuilder<CheckResult>();
        KindFacts? facts = null;
        if (checks.Count == 0)
        {
            if (guestsDirectory is null)
            {
                return [];
            }

            foreach (var pool in pools)
            {
                results.AddRange(GuestResults(engine, fleet, pool, GuestsOf(guestsDirectory)));
            }

            return results.ToImmutable();
        }

        foreach (var pool in pools)
        {
            foreach (var (arch, check) in checks.Where(c => ReferenceEquals(c.Arch.Pools[c.Check.Pool], pool.Pool.Policy)))
            {
                switch (check)
                {
                    case GuestsCheck g:
                        var directory = g.Directory is null
                            ? guestsDirectory
                            : Path.Combine(guestsDirectory ?? Path.GetDirectoryName(Path.GetFullPath(g.Span.File)) ?? ".", g.Directory);
                        results.AddRange(directory is null
                            ? [CheckResult.Fail(pool.Pool.Name, "guests run on the pool", $"{g.Span}: the check names no directory; give --guests DIR")]
                            : GuestResults(engine, fleet, pool, GuestsOf(directory)));
                        break;
                    case MinimumCheck m:
                        results.Add(Minimum(pool, arch, m));
                        break;
                    case ExposesCheck e:
                        results.Add(Exposes(fleet, facts ??= KindFacts.Of(engine, fleet), pool, arch, e));
                        break;
                    case DeprecatedCheck:
                        results.Add(Deprecated(engine, pool, models));
                        break;
                }
            }
        }

        return results.ToImmutable();
    }

    private static IEnumerable<CheckResult> GuestResults(CpuEngine engine, Fleet fleet, PoolBaseline pool, Core.Outcome<ImmutableArray<Guest>> guests)
    {
        if (!guests.TryGetValue(out var list))
        {
            yield return CheckResult.Fail(pool.Pool.Name, "guests", guests.Error!.Message);
            yield break;
        }

        foreach (var guest in list)
        {
            if (!guest.Cpu.TryGetValue(out var cpu))
            {
                yield return CheckResult.Fail(pool.Pool.Name, guest.File, guest.Cpu.Error!.Message);
                continue;
            }

            var misfit = GuestFit.Check(engine, fleet, pool.Pool, cpu);
            yield return misfit is null
                ? CheckResult.Pass(pool.Pool.Name, guest.File)
                : CheckResult.Fail(pool.Pool.Name, guest.File, GuestFit.Message(misfit), misfit.Hosts, misfit.HostCount, misfit.Features);
        }
    }

    private static CheckResult Minimum(PoolBaseline pool, ArchDatabase arch, MinimumCheck check)
    {
        var model = arch.Models[check.Model];
        var name = $"baseline at least {model.Name}";
        if (!pool.Cpu.Succeeded)
        {
            return CheckResult.Fail(pool.Pool.Name, name, $"the pool has no baseline: {pool.Cpu.Error!.Message}");
        }

        var lacks = arch.NamesOf(model.Features.Except(pool.Offered));
        return lacks.Count == 0
            ? CheckResult.Pass(pool.Pool.Name, name)
            : CheckResult.Fail(pool.Pool.Name, name, $"the baseline ({pool.Cpu.Value.Model}) lacks {string.Join(", ", lacks)} of {model.Name}", features: lacks);
    }

    private static CheckResult Exposes(Fleet fleet, KindFacts facts, PoolBaseline pool, ArchDatabase arch, ExposesCheck check)
    {
        var name = $"no host has {string.Join(", ", arch.NamesOf(check.Features))}";
        var hosts = new List<string>();
        var found = Core.Features.FeatureSet.Empty;
        foreach (var h in pool.Pool.Members)
        {
            var exposed = (facts.Features[fleet.Hosts[h].Kind] ?? Core.Features.FeatureSet.Empty) & check.Features;
            if (!exposed.IsEmpty)
            {
                hosts.Add(fleet.Hosts[h].Name);
                found |= exposed;
            }
        }

        return hosts.Count == 0
            ? CheckResult.Pass(pool.Pool.Name, name)
            : CheckResult.Fail(pool.Pool.Name, name, $"{hosts.Count} hosts expose {string.Join(", ", arch.NamesOf(found))}", hosts.Take(GuestFit.HostsNamed), hosts.Count, arch.NamesOf(found));
    }

    private static CheckResult Deprecated(CpuEngine engine, PoolBaseline pool, AllowedModels? models)
    {
        const string name = "baseline not deprecated";
        if (!pool.Cpu.Succeeded)
        {
            return CheckResult.Fail(pool.Pool.Name, name, $"the pool has no baseline: {pool.Cpu.Error!.Message}");
        }

        if (models is null)
        {
            return CheckResult.Fail(pool.Pool.Name, name, "QEMU's model list is needed to know which models are deprecated: give --models FILE (a query-cpu-definitions reply)");
        }

        return DeprecatedModel.Of(engine, pool, models) is { } deprecated
            ? CheckResult.Fail(pool.Pool.Name, name, $"the baseline's model {DeprecatedModel.Describe(deprecated)}")
            : CheckResult.Pass(pool.Pool.Name, name);
    }
}
