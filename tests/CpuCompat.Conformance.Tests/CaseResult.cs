namespace CpuCompat.Conformance.Tests;

/// <summary>Whether a case gave libvirt's answer, and if not, what differed.</summary>
public sealed record CaseResult(bool Passed, string Detail)
{
    public static CaseResult Pass { get; } = new(true, "");

    public static CaseResult Fail(string detail) => new(false, detail);

    /// <summary>Passes when <paramref name="actual"/> is the expected file's text (libvirt's only normalisation: a final newline).</summary>
    public static CaseResult SameText(string expected, string actual)
    {
        if (expected.EndsWith('\n') && !actual.EndsWith('\n'))
        {
            actual += "\n";
        }

        return expected == actual ? Pass : Fail($"output differs from the expected file:\n--- expected\n{expected}\n--- actual\n{actual}");
    }
}
