using System.Reflection;
using System.Text.RegularExpressions;

namespace CpuCompat.Core.Tests.Diagnostics;

/// <summary>
/// Every <c>public const string</c> of every static <c>*Codes</c> class in every CpuCompat assembly next to the tests
/// is a unique <c>CC</c> + 4-digit code in a phase range. Assemblies are found by name, so the check grows as test
/// projects reference more of CpuCompat.
/// </summary>
public sealed partial class DiagnosticCodesTests(ITestOutputHelper output)
{
    /// <summary>1xxx syntax, 2xxx binding, 3xxx database checks, 4xxx input formats, 5xxx command line.</summary>
    private static readonly string[] Phases = ["", "syntax", "binding", "database checks", "input formats", "command line"];

    [GeneratedRegex(@"^CC\d{4}$")]
    private static partial Regex CodePattern();

    private static IEnumerable<Assembly> CpuCompatAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(DiagnosticCodesTests).Assembly]);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "CpuCompat*.dll"))
        {
            pending.Enqueue(Assembly.LoadFrom(file));
        }

        while (pending.TryDequeue(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("CpuCompat", StringComparison.Ordinal)))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return found.Values.Where(a => a.GetName().Name!.StartsWith("CpuCompat", StringComparison.Ordinal));
    }

    private static IEnumerable<(Type Class, string Name, string Code)> AllCodes() =>
        from assembly in CpuCompatAssemblies()
        from type in assembly.GetTypes()
        where type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Codes", StringComparison.Ordinal)
        from field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
        where field.IsLiteral && field.FieldType == typeof(string)
        select (type, field.Name, (string)field.GetRawConstantValue()!);

    [Fact]
    public void Diagnostic_codes_are_unique_and_in_their_phase_range()
    {
        var codes = AllCodes().ToList();
        foreach (var group in codes.GroupBy(c => c.Class))
        {
            output.WriteLine($"{group.Key.FullName}: {string.Join(", ", group.Select(c => c.Code))}");
        }

        Assert.Contains(codes, c => c.Class == typeof(Core.Binding.BindingCodes));
        Assert.All(codes, c => Assert.Matches(CodePattern(), c.Code));
        Assert.All(codes, c => Assert.InRange(c.Code[2] - '0', 1, Phases.Length - 1));
        var duplicates = codes.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => $"{c.Class.Name}.{c.Name}"))}");
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Binding_codes_are_binding_or_database_check_codes()
    {
        Assert.All(
            AllCodes().Where(c => c.Class == typeof(Core.Binding.BindingCodes)),
            c => Assert.Contains(Phases[c.Code[2] - '0'], new[] { "binding", "database checks" }));
    }
}
