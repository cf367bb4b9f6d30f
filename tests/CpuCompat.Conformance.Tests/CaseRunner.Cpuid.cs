using System.Globalization;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Qemu;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.Libvirt.Qemu;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Conformance.Tests;

public static partial class CaseRunner
{
    private static CpuData LoadData(Suite suite, string file)
    {
        var read = CpuDataXmlReader.Read(suite.Text(file), file);
        return read.Data ?? throw new InvalidOperationException($"{file} does not load: {string.Join("; ", read.Diagnostics)}");
    }

    private static QmpReplies LoadReplies(Suite suite, string cpuName)
    {
        var file = $"x86_64-cpuid-{cpuName}.json";
        var replies = QmpReplyReader.Read(suite.Text(file), file, suite.Generation);
        return replies.Diagnostics.Any(d => d.IsError)
            ? throw new InvalidOperationException($"{file} does not load: {string.Join("; ", replies.Diagnostics)}")
            : replies;
    }

    /// <summary>The allowed list of a case flagged JSON_MODELS*: the CPU's query-cpu-definitions reply.</summary>
    private static AllowedModels? AllowedFor(ConformanceCase c, Suite suite) =>
        c.ModelsList == "qemu-definitions" ? new AllowedModels(LoadReplies(suite, c.Host).Definitions ?? []) : null;

    private static CaseResult CpuidDecode(ConformanceCase c, Suite suite, bool guest)
    {
        var data = LoadData(suite, c.InputFiles[0]);
        var decoded = guest ? suite.Engine.DecodeGuest(data, AllowedFor(c, suite)) : suite.Engine.DecodeHost(data);
        return decoded.Succeeded
            ? CaseResult.SameText(suite.Text(c.ExpectedOutputFile), Format(suite, decoded.Value))
            : CaseResult.Fail($"decode failed: {decoded.Error.Message}");
    }

    private static CaseResult CpuidSignature(ConformanceCase c, Suite suite)
    {
        var eax = LoadData(suite, c.InputFiles[0])[Core.Cpu.DataKey.Cpuid(1)].Eax;
        return CaseResult.SameText(suite.Text(c.ExpectedOutputFile), SignatureText(CpuSignature.FromEax(eax)));
    }

    private static CaseResult JsonSignature(ConformanceCase c, Suite suite)
    {
        var props = LoadReplies(suite, c.Host).Expansion!;
        return CaseResult.SameText(suite.Text(c.ExpectedOutputFile), SignatureText(JsonSignatureOf(props)));
    }

    /// <summary>The <c>.sig</c> text: the re-encoded signature, then family, model and stepping.</summary>
    private static string SignatureText(CpuSignature s)
    {
        static string Line(string label, uint value) =>
            $"{label,-10}{value.ToString(CultureInfo.InvariantCulture),3} (0x{value.ToString("x2", CultureInfo.InvariantCulture)})\n";

        return $"{s.ToEax().ToString("x6", CultureInfo.InvariantCulture)}\n"
            + Line("family:", s.Family) + Line("model:", s.Model) + Line("stepping:", s.Stepping);
    }

    private static CpuSignature JsonSignatureOf(QemuModelExpansion props)
    {
        static uint Number(QemuModelExpansion p, string name) => p.Find(name) is { } v && v.TryGetUInt32(out var n) ? n : 0;

        return new CpuSignature(Number(props, "family"), Number(props, "model"), Number(props, "stepping"));
    }

    private static CaseResult CpuidJson(ConformanceCase c, Suite suite)
    {
        // The CPU data libvirt builds from QEMU's model expansion, by the reader users' QMP files go through.
        var data = QmpExpansionReader.DataOf(LoadReplies(suite, c.Host).Expansion!, suite.Engine).Value;
        var decoded = suite.Engine.DecodeGuest(data, AllowedFor(c, suite));
        return decoded.Succeeded
            ? CaseResult.SameText(suite.Text(c.ExpectedOutputFile), Format(suite, decoded.Value))
            : CaseResult.Fail($"decode failed: {decoded.Error.Message}");
    }

    private static CaseResult CpuidBaseline(ConformanceCase c, Suite suite)
    {
        var inputs = c.InputFiles.Select(f => Load(suite, f)).ToList();
        var result = suite.Engine.Baseline(inputs);
        if (!result.Succeeded)
        {
            return CaseResult.Fail($"baseline failed: {result.Error.Message}");
        }

        var same = CaseResult.SameText(suite.Text(c.ExpectedOutputFile), Format(suite, result.Value));
        return same.Passed ? EveryInputRunsOn(suite, inputs, result.Value) : same;
    }

    private static CaseResult ValidateFeatures(ConformanceCase c, Suite suite)
    {
        var outcome = suite.Engine.ValidateFeatures(Load(suite, c.InputFiles[0]));
        var ok = outcome.Succeeded;
        return ok == (c.ExpectedResult == "ok") ? CaseResult.Pass : CaseResult.Fail($"validation {(ok ? "passed" : $"failed: {outcome.Error!.Message}")}");
    }
}
