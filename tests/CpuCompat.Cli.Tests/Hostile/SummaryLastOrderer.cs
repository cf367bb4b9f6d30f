using Xunit.Sdk;
using Xunit.v3;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>Runs the corpus's rows first and its summary last, so the summary sees every outcome of the run.</summary>
public sealed class SummaryLastOrderer : ITestMethodOrderer
{
    public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
        where TTestMethod : notnull, ITestMethod =>
        [.. testMethods.OrderBy(t => t?.MethodName == nameof(HostileCorpusTests.Summary) ? 1 : 0)];
}
