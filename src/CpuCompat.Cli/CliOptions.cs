using System.CommandLine;

namespace CpuCompat.Cli;

/// <summary>Options several commands share, made fresh for each command.</summary>
internal static class CliOptions
{
    public const string JsonName = "--json";

    public static Option<bool> Json() => new(JsonName) { Description = "Print JSON instead of text or XML (schemas: src/CpuCompat.Cli/Json/README.md)." };
}
