using System.Text.Json;
using CpuCompat.Host;

namespace CpuCompat.Cli.Json;

/// <summary>
/// Builds a command's <c>--json</c> output with <see cref="Utf8JsonWriter"/> (no reflection, so it works in the
/// NativeAOT binary). Every schema is documented in <c>src/CpuCompat.Cli/Json/README.md</c>.
/// </summary>
internal static class JsonText
{
    /// <summary>One JSON document, written the way every command writes JSON (<see cref="JsonOutput"/>).</summary>
    public static string Write(Action<Utf8JsonWriter> body) => JsonOutput.Write(body);
}
