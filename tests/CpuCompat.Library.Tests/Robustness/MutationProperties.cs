using CpuCompat.Core;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CpuCompat.Library.Tests.Robustness;

/// <summary>
/// The library's whole path (read any input, then baseline, compare, decode, write) on real libvirt inputs damaged by
/// every mutator: no exception escapes, every run ends within a bound, and edits that do not change an input's meaning
/// (comments, indentation, quoting) do not change a single answer.
/// </summary>
public sealed class MutationProperties
{
    /// <summary>Far above any real run (milliseconds); only a hang or a blow-up reaches it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static readonly CpuCompatibility Compat = CpuCompatibility.OpenBuiltIn();

    /// <summary>Every fourth host CPU and every fourth raw CPUID file of libvirt's tests, so that Intel, AMD and Hygon of all ages take part.</summary>
    private static readonly Lazy<(string[] Hosts, string[] Cpudata)> Samples = new(() =>
    {
        var dir = SharedData.TestDataDir("11.3.0");
        string[] Pick(IEnumerable<string> files) => [.. files.Order(StringComparer.Ordinal).Where((_, i) => i % 4 == 0).Select(File.ReadAllText)];
        var cpuid = Directory.EnumerateFiles(dir, "x86_64-cpuid-*.xml").ToList();
        return (Pick(cpuid.Where(f => f.EndsWith("-host.xml", StringComparison.Ordinal))),
            Pick(cpuid.Where(f => !f.EndsWith("-host.xml", StringComparison.Ordinal) && !f.EndsWith("-guest.xml", StringComparison.Ordinal)
                && !f.Contains("-enabled", StringComparison.Ordinal) && !f.Contains("-disabled", StringComparison.Ordinal))));
    });

    private static string[] All => [.. Samples.Value.Hosts, .. Samples.Value.Cpudata];

    /// <summary>
    /// Everything a command would do with the input, as text: its CPUs, their baseline with a fixed second host, the
    /// compare of each with that host, and for raw data the host and host-model guest decodes; errors as their messages.
    /// </summary>
    private static string Answers(string text)
    {
        var answers = new List<string>();
        var other = Compat.ReadCpus(Samples.Value.Hosts[0], "other.xml").Value[0];
        var cpus = Compat.ReadCpus(text, "input.xml");
        answers.Add(cpus.Succeeded ? string.Concat(cpus.Value.Select(Compat.ToXml)) : cpus.Error!.Message);
        if (cpus.Succeeded)
        {
            answers.Add(Show(Compat.Baseline([other, .. cpus.Value], expandFeatures: true)));
            answers.AddRange(cpus.Value.Select(cpu => Compat.Compare(other, cpu) is { Succeeded: true } c ? c.Value.ToString()! : Compat.Compare(other, cpu).Error!.Message));
        }

        var data = Compat.ReadCpuData(text, "input.xml");
        if (data.Succeeded)
        {
            answers.Add(Show(Compat.HostModel(data.Value)));
            answers.Add(Show(Compat.HostModel(data.Value, guest: true)));
        }

        return string.Join("\n--\n", answers);
    }

    private static string Show(Outcome<Core.Cpu.CpuDefinition> cpu) => cpu.Succeeded ? Compat.ToXml(cpu.Value) : cpu.Error!.Message;

    /// <summary>The answers, failing the test if they throw or take longer than <see cref="Bound"/>.</summary>
    private static string Bounded(string text, string what)
    {
        var run = Task.Run(() => Answers(text));
        Assert.True(run.Wait(Bound), $"{what}: no answer within {Bound.TotalSeconds} s");
        return run.Result;
    }

    [Fact]
    public void Damaged_real_inputs_never_throw_and_always_end()
    {
        var samples = All;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Mutators.OnSamples(samples.Length).ToArbitrary(), m =>
        {
            Bounded(Mutators.Apply(samples[m.Sample], m.Mutation), $"sample {m.Sample}, {m.Mutation}");
        }));
    }

    [Fact]
    public void Doubly_damaged_real_inputs_never_throw_and_always_end()
    {
        var samples = All;
        var twice = from first in Mutators.OnSamples(samples.Length)
                    from second in Mutators.Any
                    select (first.Sample, First: first.Mutation, Second: second);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(twice.ToArbitrary(), m =>
        {
            Bounded(Mutators.Apply(Mutators.Apply(samples[m.Sample], m.First), m.Second), $"sample {m.Sample}, {m.First} then {m.Second}");
        }));
    }

    [Fact]
    public void Comments_indentation_and_quoting_change_no_answer()
    {
        var samples = All;
        var expected = samples.Select(s => Bounded(s, "original")).ToArray();
        var edits = from sample in Gen.Choose(0, samples.Length - 1)
                    from list in Mutators.IrrelevantEdits
                    select (sample, list);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(edits.ToArbitrary(), e =>
        {
            var edited = e.list.Aggregate(samples[e.sample], Mutators.ApplyIrrelevant);
            Assert.Equal(expected[e.sample], Bounded(edited, $"sample {e.sample}"));
        }));
    }
}
