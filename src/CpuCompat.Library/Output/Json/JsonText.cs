using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CpuCompat.Host;

namespace CpuCompat.Output.Json;

/// <summary>
/// The one way reports become JSON: an indented <see cref="Utf8JsonWriter"/> (no reflection, so NativeAOT-safe) whose
/// text ends with a newline, and the shared <c>notes</c> array.
/// </summary>
public static class JsonText
{
    /// <summary>Relaxed escaping keeps paths and &lt;, &gt; readable; the output is never embedded in HTML.</summary>
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One result document: an object whose first member is <c>schema_version</c>, then what <paramref name="body"/>
    /// writes. Every result of CpuCompat has such a version and a JSON Schema (<c>cpucompat schema NAME</c>).
    /// </summary>
    public static string Document(int schemaVersion, Action<Utf8JsonWriter> body) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schema_version", schemaVersion);
        body(w);
        w.WriteEndObject();
    });

    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A string property, or <c>null</c> when there is no value (schemas never leave a property out).</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>A number property, or <c>null</c> when there is no value.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, ulong? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A boolean property, or <c>null</c> when there is no value.</summary>
    public static void WriteBooleanOrNull(this Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>An array of strings.</summary>
    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary><c>"notes": [{"code", "kind", "source", "reason", "text"}]</c>.</summary>
    public static void Notes(Utf8JsonWriter w, IEnumerable<HostNote> notes)
    {
        w.WriteStartArray("notes");
        foreach (var note in notes)
        {
            w.WriteStartObject();
            w.WriteString("code", note.Code);
            w.WriteString("kind", note.Kind switch
            {
                HostNoteKind.Unavailable => "unavailable",
                HostNoteKind.Substituted => "substituted",
                _ => "omitted",
            });
            w.WriteString("source", note.Source);
            w.WriteString("reason", note.Reason);
            w.WriteString("text", note.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void StringArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
