using System.Text;
using CpuCompat.Formats.Convert;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Tests.Support;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.Libvirt.Xml;
using Xunit;

namespace CpuCompat.Formats.Tests.Dumps;

/// <summary>
/// Every CPUID dump of the shared corpus (492 real CPUs): it is detected and read without errors, decodes as libvirt
/// would report the host CPU, and gives exactly the same CPU after a trip through libvirt's <c>&lt;cpudata&gt;</c>.
/// The statistics go to the test output and to <c>formats-dump-summary.md</c> beside the test assembly.
/// </summary>
public sealed class AllDumpsTests(ITestOutputHelper output)
{
    private const string NoModel = "cannot find suitable CPU model for given data";

    public static TheoryData<string> Dumps() => [.. Samples.DumpFiles()];

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Dump_is_detected_and_read_without_errors(string dump)
    {
        var text = Samples.ReadDump(dump);

        var input = CpuInputReader.Read(text, dump, InputFormat.Auto, Samples.Engine);

        Assert.True(input.Format is InputFormat.Aida64 or InputFormat.Libcpuid, $"{dump} detected as {input.Format}");
        Assert.False(input.HasErrors, string.Join("\n", input.Diagnostics));
        Assert.NotNull(input.Data);
        Assert.All(input.Diagnostics, d => Assert.True(d.Span.Line > 0 && d.Span.Column > 0, $"no position: {d}"));
    }

    [Fact]
    public void Every_dump_decodes_as_a_host_cpu_and_round_trips_through_cpudata()
    {
        var dumps = Samples.DumpFiles().ToList();
        Samples.DumpsRoot();
        var models = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<(string Dump, string Error)>();
        var mismatches = new List<string>();
        var formats = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var caveats = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var dump in dumps)
        {
            var input = CpuInputReader.Read(Samples.ReadDump(dump), dump, InputFormat.Auto, Samples.Engine);
            Assert.False(input.HasErrors, $"{dump}: {input.FirstError}");
            formats[input.Format.NameOf()] = formats.GetValueOrDefault(input.Format.NameOf()) + 1;
            var data = input.Data!;
            var noSyscall = input.Notes.Any(n => n.Contains("SYSCALL", StringComparison.Ordinal));
            var inVm = input.Notes.Any(n => n.Contains("hypervisor bit", StringComparison.Ordinal));

            var host = Samples.Engine.DecodeHost(data);
            var back = CpuDataXmlReader.Read(CpuDataXmlWriter.Format(data), dump + ".cpudata.xml");
            Assert.True(back.Succeeded, string.Join("\n", back.Diagnostics));
            var again = Samples.Engine.DecodeHost(back.Data);

            if (host.Succeeded)
            {
                models[host.Value.Model!] = models.GetValueOrDefault(host.Value.Model!) + 1;
                Count(caveats, noSyscall ? $"SYSCALL hidden (32-bit dump), decoded as {host.Value.Model}" : null);
                Count(caveats, inVm ? "taken inside a VM (hypervisor bit)" : null);
                var first = CpuXmlWriter.Format(host.Value, Samples.Database.Generation);
                if (!again.Succeeded || CpuXmlWriter.Format(again.Value, Samples.Database.Generation) != first)
                {
                    mismatches.Add(dump);
                }
            }
            else
            {
                failures.Add((dump, host.Error.Message));
                if (again.Succeeded || again.Error.Message != host.Error.Message)
                {
                    mismatches.Add(dump);
                }
            }
        }

        var summary = Summary(dumps.Count, formats, models, caveats, failures, mismatches);
        output.WriteLine(summary);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "formats-dump-summary.md"), summary);

        Assert.True(dumps.Count >= 490, $"expected the whole corpus (492 dumps), found {dumps.Count}");
        Assert.Empty(mismatches);
        Assert.All(failures, f => Assert.Equal(NoModel, f.Error));
    }

    private static void Count(SortedDictionary<string, int> counts, string? key)
    {
        if (key is not null)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    private static string Summary(
        int count,
        SortedDictionary<string, int> formats,
        SortedDictionary<string, int> models,
        SortedDictionary<string, int> caveats,
        List<(string Dump, string Error)> failures,
        List<string> mismatches)
    {
        var sb = new StringBuilder("# CPUID dump corpus, host decode with the built-in database\n\n");
        sb.Append($"- dumps: {count} ({string.Join(", ", formats.Select(f => $"{f.Key} {f.Value}"))})\n");
        sb.Append($"- decoded: {count - failures.Count}\n");
        sb.Append($"- no model (\"{NoModel}\"): {failures.Count}\n");
        sb.Append($"- different after the <cpudata> round trip: {mismatches.Count}\n\n");
        sb.Append("| how the dump was taken | decoded dumps |\n|---|---|\n");
        foreach (var (caveat, n) in caveats)
        {
            sb.Append($"| {caveat} | {n} |\n");
        }

        sb.Append("\n| host model | dumps |\n|---|---|\n");
        foreach (var (model, n) in models.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            sb.Append($"| {model} | {n} |\n");
        }

        sb.Append(failures.Count == 0 ? "\nEvery dump decodes.\n" : "\nNot decodable:\n\n");
        foreach (var (dump, error) in failures)
        {
            sb.Append($"- {dump}: {error}\n");
        }

        foreach (var dump in mismatches)
        {
            sb.Append($"- round trip differs: {dump}\n");
        }

        return sb.ToString();
    }
}
