using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Libvirt.Qemu;

namespace CpuCompat.Formats.Qemu;

/// <summary>The CPU data of a <c>query-cpu-model-expansion</c> reply (null on errors), the allowed models of a <c>query-cpu-definitions</c> reply if the file has one, and the problems found.</summary>
public sealed record QmpReadResult(CpuData? Data, AllowedModels? Models, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Builds CPU data from QEMU's view of the host CPU exactly as libvirt does for its <c>-json.xml</c> answers
/// every boolean property that is true, renamed from QEMU to libvirt spelling (<see cref="QemuNames"/>),
/// adds the bits of the map feature or hypervisor-internal feature of that name (other names are ignored); the
/// <c>vendor</c> string fills leaf 0; <c>family</c>, <c>model</c> and <c>stepping</c> are encoded into leaf 1 EAX. The
/// replies themselves are parsed by <see cref="QmpReplyReader"/>; a <c>query-cpu-definitions</c> reply in the same file
/// becomes the allowed-models list (libvirt's JSON_MODELS cases decode with it).
/// </summary>
public static class QmpExpansionReader
{
    public static QmpReadResult Read(string text, string fileName, CpuEngine engine)
    {
        var replies = QmpReplyReader.Read(text, fileName, engine.Database.Generation);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(replies.Diagnostics);
        if (replies.Expansion is not { } expansion)
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.Add(FormatDiagnostics.NoModelExpansion(new SourceSpan(fileName, 1, 1), replies.Definitions is not null));
            }

            return new QmpReadResult(null, null, diagnostics.ToImmutable());
        }

        var models = replies.Definitions is { } definitions ? new AllowedModels(definitions) : null;
        var data = DataOf(expansion, engine);
        if (!data.Succeeded)
        {
            diagnostics.Add(FormatDiagnostics.NoX86Database(new SourceSpan(fileName, 1, 1), "QEMU CPU properties"));
        }

        return new QmpReadResult(diagnostics.HasErrors ? null : data.Value, models, diagnostics.ToImmutable());
    }

    /// <summary>The data libvirt builds from a model expansion's properties.</summary>
    public static Outcome<CpuData> DataOf(QemuModelExpansion expansion, CpuEngine engine)
    {
        var enabled = expansion.Properties.Where(p => p.Value.IsTrue).Select(p => QemuNames.ToLibvirt(p.Name, engine.Database.Generation));
        var vendor = expansion.Find("vendor") is { Kind: QemuValueKind.String } v ? v.Text : null;
        return engine.DataFromProperties(enabled, vendor, new CpuSignature(Number(expansion, "family"), Number(expansion, "model"), Number(expansion, "stepping")));
    }

    private static uint Number(QemuModelExpansion expansion, string name) => expansion.Find(name) is { } v && v.TryGetUInt32(out var n) ? n : 0;
}
