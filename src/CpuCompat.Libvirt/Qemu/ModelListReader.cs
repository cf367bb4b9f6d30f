using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Libvirt.Qemu;

/// <summary>A plain model list read by <see cref="ModelListReader"/>: the models (usability unknown) and the problems found.</summary>
public sealed record ModelListReadResult(ImmutableArray<AllowedModel> Models, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads a plain list of allowed CPU models: one name per line; <c>#</c> starts a comment that runs to the end of the
/// line; blank lines are ignored. Every model has usability unknown and no blockers, like libvirt's test model lists.
/// </summary>
public static class ModelListReader
{
    /// <summary>Characters no CPU model of any architecture has in its name.</summary>
    private static readonly char[] NotInNames = ['<', '>', '"', '\'', '{', '}', '=', '&', ';'];

    /// <summary>A file that is not a list at all stops after this many bad lines.</summary>
    private const int MaxErrors = 20;

    public static ModelListReadResult Read(string text, string fileName)
    {
        var models = ImmutableArray.CreateBuilder<AllowedModel>();
        var diagnostics = new DiagnosticBag();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var column = line.IndexOf(content, StringComparison.Ordinal) + 1;
            // A name may contain spaces (libvirt's ARM map has 'ThunderX2 99xx'): the whole trimmed line is the name.
            // Markup or JSON is another kind of file given as a list (an XML document, a QMP reply cut short).
            var bad = content.IndexOfAny(NotInNames);
            if (content.Any(char.IsControl) || bad >= 0)
            {
                var what = bad >= 0 ? $"'{content[bad]}'" : "a control character";
                diagnostics.Add(LibvirtDiagnostics.InvalidModelName(new SourceSpan(fileName, i + 1, column), content, what));
                if (diagnostics.Count >= MaxErrors)
                {
                    break;
                }

                continue;
            }

            models.Add(AllowedModel.Named(content));
        }

        return new ModelListReadResult(models.ToImmutable(), diagnostics.ToImmutable());
    }
}
