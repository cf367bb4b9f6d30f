using System.Collections.Immutable;
using CpuCompat.Batches;
using CpuCompat.Core;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Detection;
using CpuCompat.Inputs;

namespace CpuCompat;

/// <summary>Many inputs in one process: what a script would otherwise start a process (or a virsh call) for, file by file.</summary>
public sealed partial class CpuCompatibility
{
    /// <summary>
    /// The host CPU (or with <paramref name="guest"/> the host-model guest CPU) of every raw CPUID file, in the order
    /// given; a file that cannot be read or decoded carries its error and does not stop the others. Identical files
    /// are decoded once. <paramref name="models"/> restricts every guest decode; without it a QMP file's own model
    /// list restricts its own.
    /// </summary>
    public ImmutableArray<DecodedFile> HostModels(IReadOnlyList<string> paths, bool guest = false, AllowedModels? models = null, InputFormat format = InputFormat.Auto, IProgress<int>? progress = null) =>
        HostModelBatch.Decode(HostModel, ReaderFor(format), paths, guest, models, progress);

    /// <summary>
    /// The CPUs of files (<c>-</c>: <paramref name="standardInput"/>) for an answer that depends on each distinct CPU
    /// once, such as <see cref="Baseline(DistinctCpus, bool, bool)"/>: identical <c>&lt;cpu&gt;</c> elements of plain CPU lists are grouped by
    /// their bytes before any XML is parsed, in the order they first appear, so a 100,000-host list of 40 kinds costs
    /// about 40 parses. Other inputs (domains, capabilities, raw dumps) are read as <see cref="ReadCpus"/> reads them.
    /// <paramref name="progress"/> hears how many bytes of the current file have been read.
    /// </summary>
    public InputResult<DistinctCpus> ReadDistinctCpus(IReadOnlyList<string> paths, Func<Stream> standardInput, InputFormat format = InputFormat.Auto, IProgress<long>? progress = null) =>
        new DistinctCpuReader(ReaderFor(format), format).Read(paths, standardInput, progress);

    /// <summary>
    /// The CPUs of XML texts in memory, one host a text (what libvirt's baseline call takes), for an answer that
    /// depends on each distinct CPU once, such as <see cref="Baseline(DistinctCpus, bool, bool)"/>: identical texts are grouped before any is
    /// parsed, in the order they first appear. An error names the text by its place in the list (<c>text 12</c>).
    /// </summary>
    public Outcome<DistinctCpus> ReadDistinctCpus(IReadOnlyList<string> texts) => DistinctTextReader.Read(Reader, texts);
}
