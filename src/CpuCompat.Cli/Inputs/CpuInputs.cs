using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;
using CpuCompat.Formats;
using CpuCompat.Libvirt.Qemu;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Cli.Inputs;

/// <summary>
/// Reads what commands take as input — CPU definitions in libvirt's XML kinds, raw CPU data in any format users
/// have (detected from the content unless <paramref name="format"/> forces one), allowed-model lists — reporting
/// the first problem as one line and returning false. Warnings and caveats go to stderr.
/// </summary>
internal sealed class CpuInputs(CliContext context, CpuEngine engine, InputFormat format = InputFormat.Auto)
{
    private LibvirtGeneration Generation => engine.Database.Generation;

    /// <summary>Reads and parses one input file, whatever it holds.</summary>
    public bool TryRead(string path, CpuXmlType type, out CpuInput input)
    {
        input = null!;
        if (!context.TryReadText(path, out var text))
        {
            return false;
        }

        input = CpuInputReader.Read(text, CliContext.DisplayName(path), format, engine.Database, type);
        if (input.FirstError is { } error)
        {
            context.Fail(error);
            return false;
        }

        foreach (var warning in input.Diagnostics.Where(d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Warning))
        {
            context.Err.WriteLine(warning);
        }

        foreach (var note in input.Notes)
        {
            context.Err.WriteLine($"cpucompat: note: {CliContext.DisplayName(path)}: {note}");
        }

        return true;
    }

    /// <summary>Every CPU definition of a file; raw data is decoded into the host CPU libvirt would report.</summary>
    public bool TryReadCpus(string path, CpuXmlType type, out IReadOnlyList<CpuDefinition> cpus)
    {
        cpus = [];
        if (!TryRead(path, type, out var input))
        {
            return false;
        }

        if (input.Data is { } data)
        {
            if (!TryDecodeHost(data, out var host))
            {
                return false;
            }

            cpus = [host];
            return true;
        }

        if (input.Cpus.IsDefaultOrEmpty)
        {
            context.Fail($"{CliContext.DisplayName(path)}: no CPU definition found (expected <cpu>, <domain>, <capabilities> or <domainCapabilities>, or raw CPUID data)");
            return false;
        }

        cpus = input.Cpus;
        return true;
    }

    /// <summary>The first CPU definition of a file (raw data decoded as a host CPU).</summary>
    public bool TryReadCpu(string path, CpuXmlType type, out CpuDefinition cpu)
    {
        cpu = null!;
        if (!TryReadCpus(path, type, out var cpus))
        {
            return false;
        }

        cpu = cpus[0];
        return true;
    }

    /// <summary>Raw CPUID/MSR data in any supported format; <paramref name="models"/> is a QMP file's own model list, if it has one.</summary>
    public bool TryReadCpuData(string path, out CpuData data, out AllowedModels? models)
    {
        data = CpuData.Empty;
        models = null;
        if (!TryRead(path, CpuXmlType.Auto, out var input))
        {
            return false;
        }

        if (input.Data is null)
        {
            context.Fail($"{CliContext.DisplayName(path)} holds CPU definitions ({InputFormats.NameOf(input.Format)}), not raw CPUID data; give a CPUID dump, <cpudata>, /proc/cpuinfo or a QMP expansion");
            return false;
        }

        data = input.Data;
        models = input.Models;
        return true;
    }

    /// <summary>
    /// A host CPU: a host <c>&lt;cpu&gt;</c> definition or capabilities document, or raw CPU data decoded the way
    /// libvirt reports a host CPU.
    /// </summary>
    public bool TryReadHostCpu(string path, out CpuDefinition host) => TryReadCpu(path, CpuXmlType.Auto, out host);

    /// <summary>libvirt's host CPU for raw data: a host decode over all models.</summary>
    public bool TryDecodeHost(CpuData data, out CpuDefinition host)
    {
        host = null!;
        if (engine.X86 is not { } x86)
        {
            context.Fail("the database has no x86 models");
            return false;
        }

        var decoded = x86.Decode(new X86DecodeRequest(CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom }, X86Input.FromData(x86.Database, data)));
        if (!decoded.Succeeded)
        {
            context.Fail(decoded.Error);
            return false;
        }

        host = decoded.Value;
        return true;
    }

    /// <summary>
    /// An allowed-models list: a QMP <c>query-cpu-definitions</c> reply (as in libvirt's test data) or plain model
    /// names, one a line.
    /// </summary>
    public bool TryReadModels(string path, out AllowedModels models)
    {
        models = null!;
        if (!context.TryReadText(path, out var text))
        {
            return false;
        }

        var name = CliContext.DisplayName(path);
        IEnumerable<AllowedModel> entries;
        if (text.TrimStart().StartsWith('{'))
        {
            var replies = QmpReplyReader.Read(text, name, Generation);
            if (replies.Diagnostics.FirstOrDefault(d => d.IsError) is { } error)
            {
                context.Fail(error);
                return false;
            }

            if (replies.Definitions is not { } definitions)
            {
                context.Fail($"{name}: no query-cpu-definitions reply found");
                return false;
            }

            entries = definitions;
        }
        else
        {
            var list = ModelListReader.Read(text, name);
            if (list.Diagnostics.FirstOrDefault(d => d.IsError) is { } error)
            {
                context.Fail(error);
                return false;
            }

            entries = list.Models;
        }

        models = new AllowedModels(entries);
        return true;
    }
}
