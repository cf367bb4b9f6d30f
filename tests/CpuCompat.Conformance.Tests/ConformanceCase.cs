namespace CpuCompat.Conformance.Tests;

/// <summary>One libvirt CPU test case, a row of the case table the suite reads: its kind, inputs and expected answer.</summary>
public sealed record ConformanceCase(
    string Version,
    string Kind,
    string Arch,
    string Host,
    string CpuOrName,
    string ModelsList,
    string Flags,
    string ExpectedResult,
    IReadOnlyList<string> InputFiles,
    string ExpectedOutputFile,
    string Label)
{
    /// <summary>A readable, unique-enough name for test reports.</summary>
    public override string ToString() => $"{Version} {Kind} {Label}";
}
