using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Inputs;

/// <summary>The raw CPU data of an input, and the hypervisor's model list when the same file holds one (a QMP file).</summary>
public sealed record RawCpu(CpuData Data, AllowedModels? Models);

/// <summary>
/// Reads what commands take as input, from text already read: CPU definitions in libvirt's XML kinds, raw CPU data in
/// any format people have (detected from the content unless a format is forced), allowed-model lists. Raw data
/// that stands for a CPU definition is decoded into the host CPU libvirt would report. Errors name the input.
/// </summary>
public sealed class CpuReader(CpuEngine engine, InputFormat format = InputFormat.Auto)
{
    public CpuEngine Engine { get; } = engine;

    private LibvirtGeneration Generation => Engine.Database.Generation;

    /// <summary>One input parsed, whatever it holds.</summary>
    public InputResult<CpuInput> Read(string text, string name, CpuXmlType type = CpuXmlType.Auto)
    {
        var input = CpuInputReader.Read(text, name, format, Engine, type);
        if (input.FirstError is { } error)
        {
            // A failed read says one thing, its error; only a forced format that looks like another may explain it.
            return new(Errors.From(error), [.. input.Diagnostics.Where(d => d.Code == FormatCodes.FormatMismatch).Select(d => d.ToString())]);
        }

        var messages = input.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.ToString())
            .Concat(input.Notes.Select(note => $"note: {name}: {note}"))
            .ToImmutableArray();
        return new(input, messages);
    }

    /// <summary>Every CPU definition of an input; raw data is decoded into the host CPU libvirt would report.</summary>
    public InputResult<ImmutableArray<CpuDefinition>> ReadCpus(string text, string name, CpuXmlType type = CpuXmlType.Auto) =>
        Read(text, name, type).Then(input => Cpus(input, name));

    /// <summary>
    /// Every CPU definition of an input as <see cref="ReadCpus"/> reads them, with where each came from, so that an
    /// answer over several of them can name the one at fault (<see cref="Outcome{T}.NamingInputs"/>).
    /// </summary>
    public InputResult<NamedCpus> ReadNamedCpus(string text, string name, CpuXmlType type = CpuXmlType.Auto) =>
        Read(text, name, type).Then(input => Cpus(input, name).Select(cpus => new NamedCpus(cpus, [.. CpuOrigins.Of(input, name)])));

    /// <summary>The first CPU definition of an input (raw data decoded as a host CPU).</summary>
    public InputResult<CpuDefinition> ReadCpu(string text, string name, CpuXmlType type = CpuXmlType.Auto) =>
        ReadCpus(text, name, type).Then(cpus => Outcome<CpuDefinition>.From(cpus[0]));

    /// <summary>Raw CPUID/MSR data in any supported format (and a QMP file's own model list, if it has one).</summary>
    public InputResult<RawCpu> ReadCpuData(string text, string name) => Read(text, name).Then<RawCpu>(input => input.Data is { } data
        ? new RawCpu(data, input.Models)
        : Errors.Invalid($"{name} holds CPU definitions ({input.Format.NameOf()}), not raw CPUID data; give a CPUID dump, <cpudata>, /proc/cpuinfo or a QMP expansion"));

    /// <summary>A guest: a <c>&lt;cpu&gt;</c> element or the CPU of a whole <c>&lt;domain&gt;</c>.</summary>
    public Outcome<CpuDefinition> ReadGuest(string text, string name)
    {
        var read = CpuXmlReader.ReadGuest(text, name, Generation);
        return read.Cpu is { } guest ? guest
            : read.Error is { } error ? Errors.From(error)
            : Errors.Invalid($"{name} does not contain any <cpu> element or valid domain XML");
    }

    /// <summary>
    /// An allowed-models list: a QMP <c>query-cpu-definitions</c> reply (blockers become disabled features) or model
    /// names, one a line.
    /// </summary>
    public Outcome<AllowedModels> ReadModels(string text, string name)
    {
        var read = AllowedModelsReader.Read(text, name, Generation);
        return read.Models is { } models ? models : Errors.From(read.FirstError!);
    }

    /// <summary>The CPUs of a parsed input: its definitions, or its raw data decoded as a host CPU.</summary>
    public Outcome<ImmutableArray<CpuDefinition>> Cpus(CpuInput input, string name)
    {
        if (input.Data is { } data)
        {
            return Engine.DecodeHost(data).Select(host => ImmutableArray.Create(host)).In(name);
        }

        return input.Cpus.IsDefaultOrEmpty
            ? Errors.Invalid($"{name}: no CPU definition found (expected <cpu>, <domain>, <capabilities> or <domainCapabilities>, or raw CPUID data)")
            : input.Cpus;
    }
}
