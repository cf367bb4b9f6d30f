using System.Globalization;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;
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

    private static CpuDefinition GuestStub() => CpuDefinition.NewGuest() with { Match = CpuMatch.Exact, Fallback = CpuFallback.Forbid };

    private static CaseResult CpuidDecode(ConformanceCase c, Suite suite, bool guest)
    {
        var x86 = suite.Engine.X86!;
        var data = LoadData(suite, c.InputFiles[0]);
        var stub = guest ? GuestStub() : CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom };
        var decoded = x86.Decode(new X86DecodeRequest(stub, X86Input.FromData(x86.Database, data)) { Allowed = guest ? AllowedFor(c, suite) : null });
        return decoded.Succeeded
            ? CaseResult.SameText(suite.Text(c.ExpectedOutputFile), Format(suite, decoded.Value))
            : CaseResult.Fail($"decode failed: {decoded.Error.Message}");
    }

    private static CaseResult CpuidSignature(ConformanceCase c, Suite suite)
    {
        var eax = LoadData(suite, c.InputFiles[0])[Core.Database.DataKey.Cpuid(1)].Eax;
        return CaseResult.SameText(suite.Text(c.ExpectedOutputFile), SignatureText(CpuSignature.FromEax(eax)));
    }

    private static CaseResult JsonSignature(ConformanceCase c, Suite suite)
    {
        var props = LoadReplies(suite, c.Host).Expansion!;
        return CaseResult.SameText(suite.Text(c.ExpectedOutputFile), SignatureText(JsonSignatureOf(props)));
    }

    /// <summary>The <c>.sig</c> text: the re-encoded signature, then family, model and stepping (semantics §10).</summary>
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

    /// <summary>The CPU data libvirt builds from QEMU's model expansion (semantics §6.9).</summary>
    private static CpuData JsonData(Suite suite, QemuModelExpansion props)
    {
        var enabled = props.Properties.Where(p => p.Value.IsTrue).Select(p => QemuNames.ToLibvirt(p.Name, suite.Generation));
        var vendor = props.Find("vendor") is { Kind: QemuValueKind.String } v ? v.Text : null;
        return suite.Engine.X86!.DataFromProperties(enabled, vendor, JsonSignatureOf(props));
    }

    private static CaseResult CpuidJson(ConformanceCase c, Suite suite)
    {
        var x86 = suite.Engine.X86!;
        var data = JsonData(suite, LoadReplies(suite, c.Host).Expansion!);
        var decoded = x86.Decode(new X86DecodeRequest(GuestStub(), X86Input.FromData(x86.Database, data)) { Allowed = AllowedFor(c, suite) });
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
