namespace CpuCompat.Conformance.Tests;

/// <summary>One row of <c>libvirt-test-cases.tsv</c>: a libvirt CPU test case (columns described in semantics §10).</summary>
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
