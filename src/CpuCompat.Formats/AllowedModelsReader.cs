using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Libvirt.Qemu;

namespace CpuCompat.Formats;

/// <summary>The models of an allowed-models file (null on errors) and every problem found.</summary>
public sealed record AllowedModelsReadResult(AllowedModels? Models, ImmutableArray<Diagnostic> Diagnostics)
{
    public Diagnostic? FirstError => Diagnostics.FirstOrDefault(d => d.IsError);
}

/// <summary>
/// Reads the models a hypervisor can run (<c>--models FILE</c>): a QMP <c>query-cpu-definitions</c> reply, whose
/// blockers become disabled features in a guest decode as libvirt's QEMU driver does, or plain model names, one a line.
/// The kind is detected from the content.
/// </summary>
public static class AllowedModelsReader
{
    public static AllowedModelsReadResult Read(string text, string fileName, LibvirtGeneration generation)
    {
        if (FormatDetector.DetectModelList(text) == ModelListFormat.Names)
        {
            var list = ModelListReader.Read(text, fileName);
            return new AllowedModelsReadResult(list.HasErrors ? null : new AllowedModels(list.Models), list.Diagnostics);
        }

        var replies = QmpReplyReader.Read(text, fileName, generation);
        if (replies.HasErrors)
        {
            return new AllowedModelsReadResult(null, replies.Diagnostics);
        }

        return replies.Definitions is { } definitions
            ? new AllowedModelsReadResult(new AllowedModels(definitions), replies.Diagnostics)
            : new AllowedModelsReadResult(null, replies.Diagnostics.Add(FormatDiagnostics.NoModelDefinitions(new SourceSpan(fileName, 1, 1))));
    }
}
