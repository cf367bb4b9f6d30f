using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Formats;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat diff OLD NEW [--guests DIR] [--json]</c>: one host or pool before and after a change.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldFile = new Argument<string>("OLD") { Description = "The CPU before the change, in any format: a <cpu> (host or guest), capabilities, domain capabilities, a domain, <cpudata>, a raw CPUID dump, /proc/cpuinfo or a QMP expansion." };
        var newFile = new Argument<string>("NEW") { Description = "The CPU after the change, in any of the same formats." };
        var guests = new Option<string?>(CliConstants.Guests) { Description = "A directory of guest definitions (libvirt <domain> or <cpu> .xml files): name each guest that runs on OLD and would not start on NEW.", HelpName = "DIR" };
        var json = CliOptions.Json();
        var inputFormat = CliOptions.InputFormat();
        var database = new DatabaseOptions();
        var command = new Command("diff", """
            Compare two descriptions of the same host or pool, before and after a change (a QEMU, libvirt, kernel,
            firmware or microcode update), as libvirt sees them: raw data is decoded into the host CPU libvirt reports,
            and each CPU stands for the full feature set its model and features expand to. Prints the model change,
            vendor, signature and microcode changes, the features guests gain and lose, the security-relevant features
            lost, how the listed features changed (host or guest form, policies), and with --guests the guests that
            would no longer start. A guest runs on a CPU when libvirt's cpu-compare says identical or superset; a guest
            CPU such as a pool's baseline stands for a host that offers exactly its features.
            Exit code: 0 nothing lost, 1 features lost, the vendor changed or a guest would no longer start, 2 bad input.

            Example:
              cpucompat diff data/examples/epyc-before.xml data/examples/epyc-after.xml --guests data/examples/epyc-guests
            """)
        {
            oldFile, newFile, guests, json, inputFormat,
        };
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!database.TryOpen(parse, context, inputFormat, out var compat, out var format))
            {
                return ExitCodes.BadInput;
            }

            var reader = compat.ReaderFor(format);
            var oldPath = parse.GetValue(oldFile)!;
            var newPath = parse.GetValue(newFile)!;
            if (!TryRead(context, reader, oldPath, out var old) || !TryRead(context, reader, newPath, out var @new))
            {
                return ExitCodes.BadInput;
            }

            var guestsDir = parse.GetValue(guests);
            if (guestsDir is not null && !context.IsDirectory(guestsDir, CliConstants.Guests))
            {
                return ExitCodes.BadInput;
            }

            var diff = compat.Diff(old, CliContext.DisplayName(oldPath), @new, CliContext.DisplayName(newPath), guestsDir);
            if (!diff.TryGetValue(out var result))
            {
                return context.Fail(diff.Error!);
            }

            context.Write(parse.GetValue(json) ? DiffJson.Format(result) : DiffText.Format(result));
            return result.LosesSomething ? ExitCodes.Incompatible : ExitCodes.Success;
        });
        return command;
    }

    private static bool TryRead(CliContext context, Inputs.CpuReader reader, string path, out CpuInput input)
    {
        input = null!;
        return context.TryReadText(path, out var text) && context.TryGet(reader.Read(text, CliContext.DisplayName(path)), out input);
    }
}
