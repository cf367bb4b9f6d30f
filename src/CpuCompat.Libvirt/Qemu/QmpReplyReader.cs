using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Libvirt.Qemu;

/// <summary>
/// Reads files of concatenated QEMU monitor replies (as libvirt's tests keep them, <c>x86_64-cpuid-NAME.json</c>): the reply to
/// <c>query-cpu-model-expansion</c> gives <c>return.model.props</c>; the reply to <c>query-cpu-definitions</c> gives the
/// hypervisor's model list, where absent <c>unavailable-features</c> means usability unknown, an empty list usable, and
/// a non-empty one not usable with those blockers renamed to libvirt spelling. Replies are told apart by shape.
/// </summary>
public static class QmpReplyReader
{
    public static QmpReplies Read(string text, string fileName, LibvirtGeneration generation)
    {
        // Utf8JsonReader does not skip a byte order mark the way JsonDocument.Parse does.
        var bytes = Encoding.UTF8.GetBytes(text.StartsWith('\uFEFF') ? text[1..] : text);
        var diagnostics = new DiagnosticBag();
        QemuModelExpansion? expansion = null;
        ImmutableArray<AllowedModel>? definitions = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                var span = SpanAt(bytes, (int)reader.TokenStartIndex, fileName);
                using var document = JsonDocument.ParseValue(ref reader);
                Classify(document.RootElement, span, generation, diagnostics, ref expansion, ref definitions);
            }
        }
        catch (JsonException e)
        {
            var at = new SourceSpan(fileName, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            diagnostics.Add(LibvirtDiagnostics.MalformedJson(at, JsonMessages.Clean(e.Message)));
        }

        return new QmpReplies(expansion, definitions, diagnostics.ToImmutable());
    }

    private static void Classify(
        JsonElement reply,
        SourceSpan span,
        LibvirtGeneration generation,
        DiagnosticBag diagnostics,
        ref QemuModelExpansion? expansion,
        ref ImmutableArray<AllowedModel>? definitions)
    {
        if (reply.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(LibvirtDiagnostics.UnexpectedReply(span, "a JSON value that is not an object is not a QMP reply"));
            return;
        }

        if (reply.TryGetProperty("error", out var error))
        {
            diagnostics.Add(LibvirtDiagnostics.QmpErrorReply(span, StringOf(error, "class") ?? "unknown", StringOf(error, "desc") ?? "no description"));
            return;
        }

        if (!reply.TryGetProperty("return", out var result))
        {
            // The greeting and asynchronous events may sit between replies in a monitor log; they carry nothing here.
            if (!reply.TryGetProperty("QMP", out _) && !reply.TryGetProperty("event", out _))
            {
                diagnostics.Add(LibvirtDiagnostics.UnexpectedReply(span, "an object without 'return' or 'error' is not a QMP reply"));
            }

            return;
        }

        if (result.ValueKind == JsonValueKind.Array)
        {
            if (definitions is not null)
            {
                diagnostics.Add(LibvirtDiagnostics.ExtraReply(span, "query-cpu-definitions"));
                return;
            }

            definitions = ReadDefinitions(result, span, generation, diagnostics);
            return;
        }

        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object
            && model.TryGetProperty("props", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            if (expansion is not null)
            {
                diagnostics.Add(LibvirtDiagnostics.ExtraReply(span, "query-cpu-model-expansion"));
                return;
            }

            expansion = new QemuModelExpansion(StringOf(model, "name") ?? "", ReadProperties(props));
            return;
        }

        diagnostics.Add(LibvirtDiagnostics.UnexpectedReply(span, "a reply that is neither a CPU model expansion nor a CPU definitions list"));
    }

    /// <summary>Booleans, numbers and strings in reply order; QEMU never puts other kinds in CPU properties, so they are skipped.</summary>
    private static ImmutableArray<QemuProperty> ReadProperties(JsonElement props)
    {
        var properties = ImmutableArray.CreateBuilder<QemuProperty>();
        foreach (var p in props.EnumerateObject())
        {
            QemuValue? value = p.Value.ValueKind switch
            {
                JsonValueKind.True => QemuValue.Of(true),
                JsonValueKind.False => QemuValue.Of(false),
                JsonValueKind.Number => new QemuValue(QemuValueKind.Number, p.Value.GetRawText()),
                JsonValueKind.String => QemuValue.Of(p.Value.GetString()!),
                _ => null,
            };
            if (value is { } v)
            {
                properties.Add(new QemuProperty(p.Name, v));
            }
        }

        return properties.ToImmutable();
    }

    private static ImmutableArray<AllowedModel> ReadDefinitions(JsonElement list, SourceSpan span, LibvirtGeneration generation, DiagnosticBag diagnostics)
    {
        var models = ImmutableArray.CreateBuilder<AllowedModel>();
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || StringOf(entry, "name") is not { } name)
            {
                diagnostics.Add(LibvirtDiagnostics.UnexpectedReply(span, "a CPU definition without a 'name' string"));
                continue;
            }

            var deprecated = entry.TryGetProperty("deprecated", out var d) && d.ValueKind == JsonValueKind.True;
            if (!entry.TryGetProperty("unavailable-features", out var unavailable) || unavailable.ValueKind != JsonValueKind.Array)
            {
                models.Add(AllowedModel.Named(name) with { Deprecated = deprecated });
                continue;
            }

            var blockers = unavailable.EnumerateArray()
                .Where(b => b.ValueKind == JsonValueKind.String)
                .Select(b => QemuNames.ToLibvirt(b.GetString()!, generation))
                .ToImmutableArray();
            models.Add(new AllowedModel(name, blockers.IsEmpty ? ModelUsability.Yes : ModelUsability.No, blockers) { Deprecated = deprecated });
        }

        return models.ToImmutable();
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The line and column of a byte offset (columns count bytes, as JSON error positions do).</summary>
    private static SourceSpan SpanAt(byte[] bytes, int offset, string file)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourceSpan(file, line, offset - lineStart + 1);
    }
}
