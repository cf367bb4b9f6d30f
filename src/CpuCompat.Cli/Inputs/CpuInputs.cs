using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.X86;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.Libvirt.Qemu;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Cli.Inputs;

/// <summary>
/// Reads what commands take as input — CPU definitions, raw CPU data, allowed-model lists — reporting the first
/// problem as one line and returning false.
/// </summary>
internal sealed class CpuInputs(CliContext context, CpuEngine engine)
{
    private LibvirtGeneration Generation => engine.Database.Generation;

    /// <summary>Every CPU definition in a file (<c>&lt;cpu&gt;</c> elements, domains, capabilities, domain capabilities).</summary>
    public bool TryReadCpus(string path, CpuXmlType type, out IReadOnlyList<CpuDefinition> cpus)
    {
        cpus = [];
        if (!context.TryReadText(path, out var text))
        {
            return false;
        }

        var result = CpuXmlReader.ReadAllCpus(text, CliContext.DisplayName(path), type, Generation);
        if (result.Error is { } error)
        {
            context.Fail(error);
            return false;
        }

        if (result.Cpus.IsEmpty)
        {
            context.Fail($"{CliContext.DisplayName(path)}: no CPU definition found (expected <cpu>, <domain>, <capabilities> or <domainCapabilities>)");
            return false;
        }

        cpus = result.Cpus;
        return true;
    }

    /// <summary>The first CPU definition of a file.</summary>
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

    /// <summary>Raw CPUID/MSR data (<c>&lt;cpudata&gt;</c>).</summary>
    public bool TryReadCpuData(string path, out CpuData data)
    {
        data = CpuData.Empty;
        if (!context.TryReadText(path, out var text))
        {
            return false;
        }

        var result = CpuDataXmlReader.Read(text, CliContext.DisplayName(path));
        if (result.Data is null)
        {
            context.Fail(result.Diagnostics.First(d => d.IsError));
            return false;
        }

        data = result.Data;
        return true;
    }

    /// <summary>
    /// A host CPU: a host <c>&lt;cpu&gt;</c> definition or capabilities document, or raw CPU data decoded the way
    /// libvirt reports a host CPU.
    /// </summary>
    public bool TryReadHostCpu(string path, out CpuDefinition host)
    {
        host = null!;
        if (!context.TryReadText(path, out var text))
        {
            return false;
        }

        if (text.Contains("<cpudata", StringComparison.Ordinal))
        {
            return TryReadCpuData(path, out var data) && TryDecodeHost(data, out host);
        }

        return TryReadCpu(path, CpuXmlType.Auto, out host);
    }

    /// <summary>libvirt's host CPU for raw data: a host decode over all models.</summary>
    public bool TryDecodeHost(CpuData data, out CpuDefinition host)
    {
        host = null!;
        if (engine.X86 is not { } x86)
        {
            context.Fail("the database has no x86 models");
            return false;
        }

        var stub = CpuDefinition.NewHost("x86_64") with { Mode = CpuMode.Custom };
        var decoded = x86.Decode(new X86DecodeRequest(stub, X86Input.FromData(x86.Database, data)));
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
