using CpuCompat.Core;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Queries;

/// <summary>A model of the database and the architecture section it belongs to (<c>cpucompat db show</c>).</summary>
public sealed record ModelReport(ArchDatabase Arch, ModelDefinition Model)
{
    /// <summary>The ancestors, nearest first.</summary>
    public IReadOnlyList<string> Ancestors()
    {
        var names = new List<string>();
        for (var at = Model.AncestorId; at is { } id && names.Count < Arch.Models.Length; at = Arch.Models[id].AncestorId)
        {
            names.Add(Arch.Models[id].Name);
        }

        return names;
    }

    /// <summary>Where a feature of the model comes from: <c>own</c>, <c>from ANCESTOR</c> (the one that lists it), or <c>inherited</c>.</summary>
    public string Origin(int feature)
    {
        var steps = 0;
        for (ModelDefinition? at = Model; at is not null && steps <= Arch.Models.Length; at = at.AncestorId is { } a ? Arch.Models[a] : null, steps++)
        {
            if (at.OwnFeatures.Contains(feature))
            {
                return at == Model ? "own" : $"from {at.Name}";
            }
        }

        return "inherited";
    }

    /// <summary>The other versions of the model's family (<c>Haswell-v1</c>, <c>Haswell-v2</c>, …).</summary>
    public IReadOnlyList<string> Versions()
    {
        var family = Model.VersionOf()?.BaseName ?? Model.Name;
        return [.. Arch.Models.Where(o => o.VersionOf() is { } v && v.BaseName == family).Select(o => o.Name)];
    }
}

/// <summary>Finds a model by name in any architecture of a database.</summary>
public static class ModelQuery
{
    public static Outcome<ModelReport> Find(CpuDatabase db, string name)
    {
        foreach (var arch in db.Architectures)
        {
            if (arch.FindModel(name) is { } model)
            {
                return new ModelReport(arch, model);
            }
        }

        return Errors.UnknownName($"unknown CPU model '{name}'{NameSuggester.Hint(name, db.Architectures.SelectMany(a => a.ModelNames))}");
    }
}
