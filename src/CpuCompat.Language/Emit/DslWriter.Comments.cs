using System.Globalization;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Language.Emit;

public static partial class DslWriter
{
    /// <summary>Architectural names of the MSRs libvirt's features live in (Intel SDM, volume 4).</summary>
    private static readonly Dictionary<uint, string> MsrNames = new()
    {
        [0x10a] = "IA32_ARCH_CAPABILITIES",
        [0xcf] = "IA32_CORE_CAPABILITIES",
        [0x480] = "IA32_VMX_BASIC",
        [0x485] = "IA32_VMX_MISC",
        [0x48b] = "IA32_VMX_PROCBASED_CTLS2",
        [0x48c] = "IA32_VMX_EPT_VPID_CAP",
        [0x48d] = "IA32_VMX_TRUE_PINBASED_CTLS",
        [0x48e] = "IA32_VMX_TRUE_PROCBASED_CTLS",
        [0x48f] = "IA32_VMX_TRUE_EXIT_CTLS",
        [0x490] = "IA32_VMX_TRUE_ENTRY_CTLS",
        [0x491] = "IA32_VMX_VMFUNC",
    };

    private static readonly string[] RegisterNames = ["EAX", "EBX", "ECX", "EDX"];

    /// <summary>
    /// Comments that give the imported facts context: in a features file, a heading whenever the CPUID leaf or MSR
    /// (and register) changes; in a model family file, how each model differs from the one before it.
    /// Comments never change what the file compiles to.
    /// </summary>
    private static Func<Declaration, string?> CommentsFor(IReadOnlyList<ArchDeclaration> group)
    {
        var comments = new Dictionary<Declaration, string>(ReferenceEqualityComparer.Instance);
        string? previousPlace = null;
        ModelDeclaration? previousModel = null;
        foreach (var declaration in group)
        {
            switch (declaration)
            {
                case FeatureDeclaration f when !f.Bits.IsDefaultOrEmpty:
                    var place = Place(f.Bits[0]);
                    if (place != previousPlace)
                    {
                        comments[f] = place;
                        previousPlace = place;
                    }

                    break;
                case ModelDeclaration m:
                    if (previousModel is not null && ModelComment(m, previousModel) is { } comment)
                    {
                        comments[m] = comment;
                    }

                    // Aliases are described by what they name; the next full model is compared with the last full one.
                    if (m.Ancestor is null)
                    {
                        previousModel = m;
                    }

                    break;
            }
        }

        return d => comments.GetValueOrDefault(d);
    }

    private static string Place(FeatureBitsSyntax bits)
    {
        var register = Enumerable.Range(0, 4).FirstOrDefault(r => bits.Mask[r] != 0);
        var key = bits.Key;
        if (key.Kind == DataKind.Msr)
        {
            var half = register == 3 ? "high half (bits 32-63)" : "low half (bits 0-31)";
            return MsrNames.TryGetValue(key.Leaf, out var name) ? $"MSR {Hex(key.Leaf)} {name}, {half}" : $"MSR {Hex(key.Leaf)}, {half}";
        }

        var leaf = key.Subleaf == 0 ? $"CPUID leaf {Hex(key.Leaf)}" : $"CPUID leaf {Hex(key.Leaf)} sub-leaf {key.Subleaf}";
        return $"{leaf}, {RegisterNames[register]}";
    }

    private static string Hex(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>"Like X, plus a, b; without c." for a model close to the previous one; null when they differ a lot.</summary>
    private static string? ModelComment(ModelDeclaration model, ModelDeclaration previous)
    {
        if (model.Ancestor is { } ancestor && model.Signatures.IsDefaultOrEmpty && model.Vendor is null && model.Features.IsDefaultOrEmpty)
        {
            return $"{model.Name.Name} names the same CPU as {ancestor.Name} (libvirt 11's versioned alias).";
        }

        if (model.Ancestor is not null || previous.Ancestor is not null)
        {
            return null;
        }

        var mine = Included(model);
        var theirs = Included(previous);
        var plus = mine.Except(theirs, StringComparer.Ordinal).ToList();
        var minus = theirs.Except(mine, StringComparer.Ordinal).ToList();
        if (plus.Count + minus.Count is 0 or > 8)
        {
            return null;
        }

        var parts = new List<string>();
        if (plus.Count > 0)
        {
            parts.Add("plus " + string.Join(", ", plus));
        }

        if (minus.Count > 0)
        {
            parts.Add("without " + string.Join(", ", minus));
        }

        return $"Like {previous.Name.Name}, {string.Join("; ", parts)}.";
    }

    private static List<string> Included(ModelDeclaration m) =>
        m.Features.IsDefault ? [] : [.. m.Features.Where(f => f.Kind == ModelFeatureKind.Include).Select(f => f.Feature.Name)];
}
