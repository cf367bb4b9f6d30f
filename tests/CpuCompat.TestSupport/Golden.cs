using System.Runtime.CompilerServices;
using Xunit;

namespace CpuCompat.TestSupport;

/// <summary>
/// Golden-file assertions: the expected text lives in a <c>Golden/</c> folder next to the test source. With
/// <c>CPUCOMPAT_UPDATE_GOLDEN=1</c> the files are rewritten from the actual output instead (review the diff).
/// </summary>
public static class Golden
{
    public const string UpdateVariable = "CPUCOMPAT_UPDATE_GOLDEN";

    public static void Match(string actual, string goldenName, [CallerFilePath] string testFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Golden", goldenName);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with {UpdateVariable}=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            Assert.Fail($"{goldenName} differs at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}\n(set {UpdateVariable}=1 to rewrite the golden file)");
        }
    }
}
