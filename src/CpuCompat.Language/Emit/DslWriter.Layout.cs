using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Language.Emit;

public static partial class DslWriter
{
    /// <summary>The files of an architecture's folder that are not model families, in the order they sort.</summary>
    private static readonly (Type Kind, int Number, string Name, string What)[] FixedFiles =
    [
        (typeof(VendorDeclaration), 0, "vendors", "vendors"),
        (typeof(FeatureDeclaration), 1, "features", "features, in map order"),
        (typeof(RuleDeclaration), 900, "rules", "vendor quirk rules, applied to CPU data before a model is chosen"),
        (typeof(DependencyDeclaration), 910, "dependencies", "feature dependencies"),
        (typeof(AliasDeclaration), 920, "aliases", "extra feature spellings"),
        (typeof(TagDeclaration), 925, "tags", "feature tags"),
        (typeof(LevelDeclaration), 927, "levels", "ABI levels"),
        (typeof(PoolDeclaration), 930, "pools", "migration pool policies"),
        (typeof(CheckDeclaration), 940, "checks", "checks of pools"),
    ];

    // Model family files are numbered from here, in map order; the fixed files after them start at 900.
    private const int FirstModelFile = 10;

    /// <summary>
    /// Splits a whole database into the files of a <c>data/</c> directory: <c>compat.ccl</c>, then per architecture
    /// a folder (<c>x86_64/</c>, <c>ppc64/</c>, <c>aarch64/</c>) of numbered files — <c>000-vendors.ccl</c>,
    /// <c>001-features.ccl</c>, one <c>NNN-family.ccl</c> per run of models of one family, then rules,
    /// dependencies, aliases and pools. Compiling the directory (files in ordinal path order) reads every kind
    /// of declaration back in its original order, which is the map order the binder depends on.
    /// </summary>
    public static IReadOnlyList<(string RelativePath, string Text)> WriteLayout(IReadOnlyList<Declaration> declarations)
    {
        var files = new List<(string, string)>();
        var compat = declarations.OfType<CompatDeclaration>().ToList();
        if (compat.Count > 0)
        {
            files.Add(("compat.ccl", Write(compat, "Which libvirt release's behaviour this database reproduces.", null)));
        }

        foreach (var arch in declarations.OfType<ArchDeclaration>().Select(d => d.Arch).Distinct())
        {
            var items = declarations.OfType<ArchDeclaration>().Where(d => d.Arch == arch).ToList();
            var folder = ArchNames.DslName(arch);
            files.AddRange(ArchFiles(arch, items).Select(f => ($"{folder}/{f.Name}", f.Text)));
        }

        return files;
    }

    private static IEnumerable<(string Name, string Text)> ArchFiles(ArchFamily arch, List<ArchDeclaration> items)
    {
        var archName = ArchNames.DslName(arch);
        var families = ModelRuns(items.OfType<ModelDeclaration>());

        // Three digits, models from 010 and the fixed files from 900. A map with more than 890 model families
        // (none comes close) gets one more digit everywhere, with the fixed files moved to 9900 and up.
        var wide = FirstModelFile + families.Count > 900;
        var width = wide ? Digits(FirstModelFile + families.Count) + 1 : 3;
        var fixedOffset = wide ? (int)Math.Pow(10, width) - 1000 : 0;
        string File(int number, string name) => $"{number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')}-{name}.ccl";

        foreach (var (kind, number, name, what) in FixedFiles.Where(f => f.Number < FirstModelFile))
        {
            var group = items.Where(kind.IsInstanceOfType).ToList();
            if (group.Count > 0)
            {
                yield return (File(number, name), Write(group, $"{archName} {what}.", arch, CommentsFor(group)));
            }
        }

        for (var i = 0; i < families.Count; i++)
        {
            var run = families[i];
            var stem = ModelFamily.Stem(run[0].Name.Name);
            var header = $"{archName} CPU models of the {stem} family, in map order.";
            yield return (File(FirstModelFile + i, ModelFamily.Key(run[0].Name.Name)), Write(run, header, arch, CommentsFor(run)));
        }

        foreach (var (kind, number, name, what) in FixedFiles.Where(f => f.Number >= FirstModelFile))
        {
            var group = items.Where(kind.IsInstanceOfType).ToList();
            if (group.Count > 0)
            {
                yield return (File(number + fixedOffset, name), Write(group, $"{archName} {what}.", arch));
            }
        }
    }

    private static int Digits(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    /// <summary>Consecutive models with the same family key; a key that comes back later starts a new file.</summary>
    private static List<List<ModelDeclaration>> ModelRuns(IEnumerable<ModelDeclaration> models)
    {
        var runs = new List<List<ModelDeclaration>>();
        foreach (var model in models)
        {
            if (runs.Count > 0 && ModelFamily.Key(runs[^1][0].Name.Name) == ModelFamily.Key(model.Name.Name))
            {
                runs[^1].Add(model);
            }
            else
            {
                runs.Add([model]);
            }
        }

        return runs;
    }
}
