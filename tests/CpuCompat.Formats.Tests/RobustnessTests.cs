using CpuCompat.Formats.Convert;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;
using CpuCompat.Formats.Dumps;
using CpuCompat.Formats.Tests.Support;
using CpuCompat.Libvirt.Xml;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CpuCompat.Formats.Tests;

/// <summary>User input never throws: every reader, detected or forced, and what runs on its result, survive any text.</summary>
public sealed class RobustnessTests
{
    // Inline samples keep the properties meaningful without the shared folder; real files join when it is there.
    private static readonly string[] InlineSamples =
    [
        "CPU#000 AffMask: 0x1\nCPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\nCPUID 0000000D: 00000007-00000340-00000340-00000000\nCPUID 0000000D: 00000100-00000240-00000000-00000000\nCPUID 0000000B: 00000001-00000002-00000100-00000000 [SL 00]\n",
        "_________________ Logical CPU #0 _________________\nbasic_cpuid[0]=0000000d 756e6547 6c65746e 49656e69\nintel_fn4[1]=1c004122 01c0003f 0000003f 00000000\next_cpuid[0]=80000008 0 0 0\n",
        "CPU 0:\n   0x00000000 0x00: eax=0x0000001c ebx=0x68747541 ecx=0x444d4163 edx=0x69746e65\n   msr 0x0000010a: eax=0x0000006b edx=0x00000000\n",
        "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nstepping\t: 4\nflags\t\t: fpu ibrs ibpb ssbd rep_good sse4_2\nbugs\t\t: mds\n",
    ];

    private static readonly Lazy<string[]> Samples = new(() =>
    {
        var samples = new List<string>(InlineSamples);
        samples.AddRange(Support.Samples.Fixtures().Select(Support.Samples.ReadFixture));
        if (SharedData.Root is { } root)
        {
            var dumps = Path.Combine(root, "cpuid-dumps", "libcpuid");
            samples.AddRange(new[]
            {
                "intel/sandy-bridge/intel-core-i7-3960x-cpu.txt", "amd/zen3/amd-ryzen-7-5800x3d-8-core-processor.txt",
                "intel/skylake/intel-xeon-gold-6154-cpu.txt", "amd/zen2/amd-ryzen-5-3600x-6-core-processor.txt",
                "amd/k10/amd-processor-model-unknown.txt", "amd/zen5/amd-epyc-9655-96-core-processor.txt",
            }.Select(f => Path.Combine(dumps, f)).Where(File.Exists).Select(File.ReadAllText));
            var testData = Path.Combine(root, "libvirt", "11.3.0", "cputestdata");
            samples.AddRange(new[] { "x86_64-cpuid-Core-i7-8550U.xml", "x86_64-cpuid-Core-i5-2540M.json", "x86_64-host.xml", "x86_64-baseline-features.xml" }
                .Select(f => Path.Combine(testData, f)).Where(File.Exists).Select(File.ReadAllText));
        }

        return [.. samples];
    });


    /// <summary>Reads <paramref name="text"/> as every format, and converts and decodes whatever was read.</summary>
    private static void ReadEverything(string text)
    {
        foreach (var format in Enum.GetValues<InputFormat>())
        {
            foreach (var type in new[] { CpuXmlType.Auto, CpuXmlType.Host })
            {
                var input = CpuInputReader.Read(text, "t", format, Support.Samples.Engine, type);
                if (input.Data is { } data)
                {
                    RawDataWriter.Write(data, OutputFormat.Cpudata);
                    CpuidToolReader.Read(RawDataWriter.Write(data, OutputFormat.CpuidTool), "w");
                    Support.Samples.Engine.DecodeHost(data);
                    Support.Samples.Engine.DecodeGuest(data, input.Models);
                }

                foreach (var cpu in input.Cpus)
                {
                    CpuXmlWriter.Format(cpu, Support.Samples.Database.Generation);
                }
            }
        }
    }

    [Property(MaxTest = 200)]
    public void Readers_never_throw_on_random_text(string? text) => ReadEverything(text ?? "");

    [Property(MaxTest = 300)]
    public Property Readers_never_throw_on_mutated_real_inputs() =>
        Prop.ForAll(Mutators.OnSamples(Samples.Value.Length).ToArbitrary(), m => ReadEverything(Mutators.Apply(Samples.Value[m.Sample], m.Mutation)));

    [Property(MaxTest = 100)]
    public Property Sub_leaf_inference_never_throws(uint leaf, uint[] words)
    {
        var entries = (words ?? []).Chunk(4).Where(c => c.Length == 4).Select(c => new Core.Cpu.Registers(c[0], c[1], c[2], c[3])).ToList();
        var leaves = new[] { leaf, 4u, 7u, 0xBu, 0xDu, 0xFu, 0x10u, 0x23u, 0x8000_0020u, 0x8000_0026u };
        return leaves.All(l => SubleafInference.Assign(l, entries).Subleaves.Length == entries.Count).ToProperty();
    }
}
