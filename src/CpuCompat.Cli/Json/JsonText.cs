using System.Text;
using System.Text.Json;

namespace CpuCompat.Cli.Json;

/// <summary>
/// Builds a command's <c>--json</c> output with <see cref="Utf8JsonWriter"/> (no reflection, so it works in the
/// NativeAOT binary). Every schema is documented in <c>src/CpuCompat.Cli/Json/README.md</c>.
/// </summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static void WriteStrings(this Utf8JsonWriter writer, string property, IEnumerable<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }

    public static void WriteNullableString(this Utf8JsonWriter writer, string property, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(property);
        }
        else
        {
            writer.WriteString(property, value);
        }
    }
}
