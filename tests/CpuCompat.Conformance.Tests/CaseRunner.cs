using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Conformance.Tests;

/// <summary>
/// Runs one libvirt test case the way libvirt's <c>cputest.c</c> does, kind by kind, and says
/// whether CpuCompat gave libvirt's answer.
/// </summary>
public static partial class CaseRunner
{
    /// <summary>The allowed-model lists the guestcpu cases name.</summary>
    private static readonly Dictionary<string, string[]> ModelLists = new()
    {
        ["model486"] = ["486"],
        ["nomodel"] = ["nomodel"],
        ["models"] = ["qemu64", "core2duo", "Nehalem"],
        ["haswell"] = ["SandyBridge", "Haswell"],
        ["ppc_models"] = ["POWER6", "POWER7", "POWER8"],
    };

    public static CaseResult Run(ConformanceCase c, Suite suite) => c.Kind switch
    {
        "compare" => Compare(c, suite),
        "update" => Update(c, suite),
        "baseline" => Baseline(c, suite),
        "hasfeature" => HasFeature(c, suite),
        "guestcpu" => GuestCpu(c, suite),
        "cpuid-host" => CpuidDecode(c, suite, guest: false),
        "cpuid-guest" => CpuidDecode(c, suite, guest: true),
        "cpuid-signature" => CpuidSignature(c, suite),
        "cpuid-json" => CpuidJson(c, suite),
        "json-signature" => JsonSignature(c, suite),
        "updatelive" => UpdateLive(c, suite),
        "cpuid-baseline" => CpuidBaseline(c, suite),
        "validatefeatures" => ValidateFeatures(c, suite),
        _ => CaseResult.Fail($"unknown case kind '{c.Kind}'"),
    };

    private static CpuDefinition Load(Suite suite, string file, CpuXmlType type = CpuXmlType.Auto)
    {
        var read = CpuXmlReader.Read(suite.Text(file), file, type, suite.Generation);
        return read.Cpu ?? throw new InvalidOperationException($"{file} does not load: {read.Error}");
    }

    private static string Format(Suite suite, CpuDefinition cpu) => CpuXmlWriter.Format(cpu, suite.Generation);

    private static string Verdict(Outcome<CompareOutcome> outcome) => outcome.Succeeded
        ? outcome.Value.Result switch
        {
            CompareResult.Identical => "IDENTICAL",
            CompareResult.Superset => "SUPERSET",
            _ => "INCOMPATIBLE",
        }
        : "ERROR";

    private static string Prefix(ConformanceCase c) => c.Arch;

    private static CaseResult Compare(ConformanceCase c, Suite suite)
    {
        var host = Load(suite, c.InputFiles[0]);
        var cpu = Load(suite, c.InputFiles[1]);
        var outcome = suite.Engine.Compare(host, cpu, failIncompatible: false);
        var verdict = Verdict(outcome);
        return verdict == c.ExpectedResult
            ? CaseResult.Pass
            : CaseResult.Fail($"compare gave {verdict} ({outcome.Error?.Message ?? outcome.Value.Message}), libvirt gives {c.ExpectedResult}");
    }

    private static CaseResult Update(ConformanceCase c, Suite suite)
    {
        var host = suite.Engine.CopyMigratable(Load(suite, c.InputFiles[0]));
        var cpu = Load(suite, c.InputFiles[1]);
        var updated = suite.Engine.Update(cpu, host, FeaturePolicy.Disable);
        return updated.Succeeded
            ? CaseResult.SameText(suite.Text(c.ExpectedOutputFile), Format(suite, updated.Value))
            : CaseResult.Fail($"update failed: {updated.Error.Message}");
    }

    private static CaseResult Baseline(ConformanceCase c, Suite suite)
    {
        var file = c.InputFiles[0];
        var read = CpuXmlReader.ReadDocument(suite.Text(file), file, suite.Generation);
        if (read.Error is { } error)
        {
            return CaseResult.Fail($"{file} does not load: {error}");
        }

        var result = suite.Engine.Baseline(
            read.Cpus,
            migratable: c.Flags.Contains("MIGRATABLE", StringComparison.Ordinal),
            expandFeatures: c.Flags.Contains("EXPAND_FEATURES", StringComparison.Ordinal));
        if (c.ExpectedResult == "fail")
        {
            return result.Succeeded ? CaseResult.Fail($"baseline succeeded, libvirt fails:\n{Format(suite, result.Value)}") : CaseResult.Pass;
        }

        if (!result.Succeeded)
        {
            return CaseResult.Fail($"baseline failed: {result.Error.Message}");
        }

        var same = CaseResult.SameText(suite.Text(c.ExpectedOutputFile), Format(suite, result.Value));
        return same.Passed ? EveryInputRunsOn(suite, read.Cpus, result.Value) : same;
    }

    /// <summary>The baseline tests' second half: every input, as the host, is a superset of (or identical to) the baseline.</summary>
    private static CaseResult EveryInputRunsOn(Suite suite, IEnumerable<CpuDefinition> inputs, CpuDefinition baseline)
    {
        foreach (var input in inputs)
        {
            var verdict = Verdict(suite.Engine.Compare(input, baseline));
            if (verdict is not ("SUPERSET" or "IDENTICAL"))
            {
                return CaseResult.Fail($"input with model {input.Model} compares {verdict} against the baseline");
            }
        }

        return CaseResult.Pass;
    }

    private static CaseResult HasFeature(ConformanceCase c, Suite suite)
    {
        var host = Load(suite, c.InputFiles[0]);
        var name = c.CpuOrName;
        var onDefinition = Answer(suite.Engine.HasFeature(host, name));
        var x86 = suite.X86;
        var onData = x86.FeaturesOf(host, FeaturePolicy.Require) is { Succeeded: true } data ? Answer(x86.HasFeature(data.Value, name)) : "FAIL";
        return onDefinition == c.ExpectedResult && onData == c.ExpectedResult
            ? CaseResult.Pass
            : CaseResult.Fail($"definition check {onDefinition}, data check {onData}, libvirt gives {c.ExpectedResult}");

        static string Answer(Outcome<bool> outcome) => !outcome.Succeeded ? "FAIL" : outcome.Value ? "YES" : "NO";
    }

    private static CaseResult GuestCpu(ConformanceCase c, Suite suite)
    {
        var engine = suite.Engine;
        var host = Load(suite, c.InputFiles[0]);
        var cpu = engine.ConvertLegacy(Load(suite, c.InputFiles[1]));
        var allowed = c.ModelsList.Length > 0 ? AllowedModels.Of(ModelLists[c.ModelsList]) : null;
        Outcome<CpuDefinition> outcome = engine.Compare(host, cpu) switch
        {
            { Succeeded: false } failed => failed.Error,
            { Value.Result: CompareResult.Incompatible } incompatible => Errors.Incompatible(incompatible.Value.Message ?? "incompatible"),
            _ => engine.Update(cpu, host, FeaturePolicy.Disable).Then(updated => engine.Translate(updated, allowed)),
        };
        if (c.ExpectedResult == "fail")
        {
            return outcome.Succeeded ? CaseResult.Fail($"succeeded, libvirt fails:\n{Format(suite, outcome.Value)}") : CaseResult.Pass;
        }

        return outcome.Succeeded
            ? CaseResult.SameText(suite.Text(c.ExpectedOutputFile), Format(suite, outcome.Value))
            : CaseResult.Fail($"failed: {outcome.Error.Message}");
    }
}
