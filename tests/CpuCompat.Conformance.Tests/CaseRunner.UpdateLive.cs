using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Conformance.Tests;

public static partial class CaseRunner
{
    /// <summary>
    /// libvirt's UpdateLive test: translate the guest decode to the model QEMU reported if they differ, apply what QEMU
    /// enabled and disabled, then compare the expanded result with the expanded <c>-json.xml</c> definition.
    /// </summary>
    private static CaseResult UpdateLive(ConformanceCase c, Suite suite)
    {
        var engine = suite.Engine;
        var cpu = Load(suite, $"x86_64-cpuid-{c.Host}-guest.xml");
        var expected = Load(suite, $"x86_64-cpuid-{c.Host}-json.xml");
        if (cpu.Model != expected.Model)
        {
            var entry = AllowedFor(c, suite)?.Find(expected.Model!) ?? AllowedModel.Named(expected.Model!);
            var translated = engine.Translate(cpu with { Fallback = CpuFallback.Allow }, new AllowedModels([entry]));
            cpu = (translated.Succeeded ? translated.Value : cpu) with { Fallback = CpuFallback.Forbid };
        }

        var enabled = LoadData(suite, $"x86_64-cpuid-{c.Host}-enabled.xml");
        var disabled = LoadData(suite, $"x86_64-cpuid-{c.Host}-disabled.xml");
        var live = engine.UpdateLive(cpu, enabled, disabled);
        if (!live.Succeeded)
        {
            return CaseResult.Fail($"UpdateLive failed: {live.Error.Message}");
        }

        cpu = live.Value ?? cpu;
        var actual = engine.ExpandFeatures(cpu);
        var wanted = engine.ExpandFeatures(expected);
        if (!actual.Succeeded || !wanted.Succeeded)
        {
            return CaseResult.Fail($"expand failed: {actual.Error?.Message ?? wanted.Error?.Message}");
        }

        if (actual.Value.Model != wanted.Value.Model)
        {
            return CaseResult.Fail($"model {actual.Value.Model}, libvirt has {wanted.Value.Model}");
        }

        var lacking = new List<string>();
        var extra = new List<string>();
        var have = actual.Value.Features.ToDictionary(f => f.Name, f => f.Policy);
        var want = wanted.Value.Features.ToDictionary(f => f.Name, f => f.Policy);
        foreach (var (name, policy) in want)
        {
            var got = have.GetValueOrDefault(name);
            if (policy == FeaturePolicy.Require && got != FeaturePolicy.Require)
            {
                lacking.Add(name);
            }
            else if (policy == FeaturePolicy.Disable && got is null)
            {
                extra.Add(name);
            }
        }

        foreach (var (name, policy) in have)
        {
            if (policy == FeaturePolicy.Require && want.GetValueOrDefault(name) != FeaturePolicy.Require)
            {
                extra.Add(name);
            }
        }

        return lacking.Count + extra.Count == 0
            ? CaseResult.Pass
            : CaseResult.Fail($"lacking: {string.Join(", ", lacking)}; extra: {string.Join(", ", extra)}");
    }
}
