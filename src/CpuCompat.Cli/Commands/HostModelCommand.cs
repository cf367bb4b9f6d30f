using System.Collections.Immutable;
using System.CommandLine;
using CpuCompat.Batches;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Detection;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat host-model --cpuid FILE... [--guest] [--models FILE] [--output-dir DIR]</c>: the host CPU (or host-model guest CPU) libvirt decodes from CPUID data, of one file or a batch.</summary>
internal static class HostModelCommand
{
    public static Command Create(CliContext context)
    {
        var cpuid = new Option<string[]>(CliConstants.Cpuid)
        {
            Description = "Raw CPUID data of the host in any format: libvirt <cpudata>, `cpuid -r` output, AIDA64 or libcpuid dumps, /proc/cpuinfo, a QMP query-cpu-model-expansion reply. Several files need --output-dir.",
            HelpName = "FILE",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var outputDir = new Option<string?>(CliConstants.OutputDir)
        {
            Description = "Decode every --cpuid file in one process and write DIR/NAME-host.xml for each (NAME-guest.xml with --guest; .json with --json), NAME being the file name without its extension. All files or none are written.",
            HelpName = "DIR",
        };
        var keepGoing = new Option<bool>(CliConstants.KeepGoing)
        {
            Description = "With --output-dir: leave out the files that cannot be decoded (listed on stderr) instead of failing.",
        };
        var guest = new Option<bool>(CliConstants.Guest)
        {
            Description = "Print the guest CPU a host-model guest gets (libvirt's guest decode) instead of the host CPU.",
        };
        var models = new Option<string?>(CliConstants.Models)
        {
            Description = "With --guest: only these models may be chosen, as QEMU reports them: a QMP query-cpu-definitions reply (blockers become disabled features) or model names, one a line.",
            HelpName = "FILE",
        };
        var json = CliOptions.Json();
        var force = OutputFiles.Force();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("host-model", """
            Decode raw CPUID data into the CPU model libvirt would report: the host CPU of 'virsh capabilities',
            or with --guest the guest CPU a host-model guest is given.

            Example:
              cpucompat host-model --cpuid data/examples/host-cpudata.xml --guest
              cpucompat host-model --cpuid data/examples/host-cpuid.txt data/examples/host-cpudata.xml --output-dir decoded
            """)
        {
            cpuid, guest, models, outputDir, keepGoing, json, inputFormat, force,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var asGuest = parse.GetValue(guest);
            var modelsPath = parse.GetValue(models);
            if (modelsPath is not null && !asGuest)
            {
                return context.Fail($"{CliConstants.Models} restricts the guest decode; use it with {CliConstants.Guest}");
            }

            var reader = compat.ReaderFor(format);
            AllowedModels? allowed = null;
            if (modelsPath is not null && (!context.TryReadText(modelsPath, out var modelsText) || !context.TryGet(reader.ReadModels(modelsText, CliContext.DisplayName(modelsPath)), out allowed)))
            {
                return ExitCodes.BadInput;
            }

            var paths = parse.GetValue(cpuid)!;
            if (parse.GetValue(outputDir) is { } directory)
            {
                return Batch(context, compat, paths, directory, asGuest, allowed, format, parse.GetValue(json), parse.GetValue(keepGoing), parse.GetValue(force));
            }

            if (paths.Length != 1)
            {
                return context.Fail($"{paths.Length} {CliConstants.Cpuid} files: several are decoded into {CliConstants.OutputDir} DIR, one file each");
            }

            var path = paths[0];
            if (!context.TryReadText(path, out var text) || !context.TryGet(reader.ReadCpuData(text, CliContext.DisplayName(path)), out var raw))
            {
                return ExitCodes.BadInput;
            }

            // A QMP file that also holds QEMU's model list restricts the guest decode, as libvirt's QEMU driver does.
            allowed ??= asGuest ? raw.Models : null;

            var decoded = compat.HostModel(raw.Data, asGuest, allowed).In(CliContext.DisplayName(path));
            if (!decoded.TryGetValue(out var cpu))
            {
                return context.Fail(decoded.Error!);
            }

            context.Write(parse.GetValue(json) ? compat.ToJson(cpu) : compat.ToXml(cpu));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Decodes every file and writes NAME-host.xml (or NAME-guest.xml) for each into the directory.</summary>
    private static int Batch(CliContext context, CpuCompatibility compat, string[] paths, string directory, bool guest, AllowedModels? models, InputFormat format, bool json, bool keepGoing, bool force)
    {
        if (paths.Contains("-"))
        {
            return context.Fail($"{CliConstants.OutputDir} names each output after its input file; standard input has no name");
        }

        var suffix = (guest ? "-guest" : "-host") + (json ? ".json" : ".xml");
        var clash = paths.Distinct(StringComparer.Ordinal).GroupBy(p => OutputFiles.SafeName(Path.GetFileNameWithoutExtension(p)) + suffix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            return context.Fail($"{string.Join(" and ", clash.Take(2))} would both be written to {clash.Key}; decode them into different directories");
        }

        ImmutableArray<DecodedFile> decoded;
        using (var progress = new Progress(context.Err, context.ErrorIsTerminal, "decoding", paths.Length))
        {
            decoded = compat.HostModels([.. paths.Distinct(StringComparer.Ordinal)], guest, models, format, progress);
        }

        foreach (var message in decoded.SelectMany(d => d.Messages))
        {
            context.Err.WriteLine(context.Printable(message));
        }

        var failed = decoded.Where(d => !d.Cpu.Succeeded).ToList();
        foreach (var file in failed)
        {
            context.Err.WriteLine($"cpucompat: {(keepGoing ? "left out: " : "")}{context.Printable(file.Cpu.Error!.Message)}");
        }

        if (failed.Count > 0 && !keepGoing)
        {
            return context.Fail($"{failed.Count} of {decoded.Length} files cannot be decoded; nothing was written ({CliConstants.KeepGoing} leaves them out)");
        }

        var files = decoded.Where(d => d.Cpu.Succeeded)
            .Select(d => (OutputFiles.SafeName(d.Name) + suffix, json ? compat.ToJson(d.Cpu.Value) : compat.ToXml(d.Cpu.Value)))
            .ToList();
        if (!OutputFiles.TryWrite(context, directory, files, force))
        {
            return ExitCodes.BadInput;
        }

        context.Write($"wrote {files.Count} files to {directory}{(failed.Count > 0 ? $" ({failed.Count} left out)" : "")}\n");
        return ExitCodes.Success;
    }
}
