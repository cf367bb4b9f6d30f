using System.CommandLine;
using CpuCompat.Formats.Detection;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>Options several commands share, made fresh for each command.</summary>
internal static class CliOptions
{
    public const string JsonName = "--json";

    public const string HtmlName = "--html";

    /// <summary><c>--html FILE</c> of the fleet commands: a report page beside the usual output.</summary>
    public static Option<string?> Html() => new(HtmlName)
    {
        Description = "Also write a self-contained HTML report to FILE: the pools, their members by kind, each baseline and its level, what the weakest hosts cost, security features lost, and a picture of which model each kind of host can run.",
        HelpName = "FILE",
    };

    public static Option<bool> Json() => new(JsonName) { Description = "Print JSON instead of text or XML: one versioned document whose JSON Schema 'cpucompat schema NAME' prints." };

    /// <summary><c>--root DIR</c> of the commands about a host: a captured copy of its /sys, /proc, /dev and /etc.</summary>
    public static Option<string?> Root() => new(CliConstants.Root)
    {
        Description = "Read /sys, /proc, /dev and /etc below this directory instead of / (a captured host; its CPUID may be recorded in DIR/.cpucompat/cpudata.xml).",
        HelpName = "DIR",
    };

    public static Option<string> InputFormat() => new(CliConstants.InputFormat)
    {
        Description = $"The format of the input files, detected from their content by default: {string.Join(", ", InputFormats.Names)}.",
        HelpName = "FORMAT",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>The format an <see cref="InputFormat"/> option names; reports an unknown name and returns false.</summary>
    public static bool TryGetInputFormat(ParseResult parse, Option<string> option, CliContext context, out InputFormat format)
    {
        var name = parse.GetValue(option) ?? "auto";
        if (InputFormats.TryParse(name, out format))
        {
            return true;
        }

        context.Fail($"{CliConstants.InputFormat}: unknown format '{name}' (one of {string.Join(", ", InputFormats.Names)})");
        return false;
    }
}
