using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Libvirt.CpuData;
using CpuCompat.Libvirt.CpuMap;
using CpuCompat.Libvirt.Qemu;
using CpuCompat.Libvirt.Xml;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CpuCompat.Libvirt.Tests;

/// <summary>User input never throws: every reader (and the writers fed with what they read) survives any text.</summary>
public sealed class RobustnessTests
{
    // Small inline samples so the properties run without the shared folder; real files are added when it is there.
    private static readonly string[] InlineSamples =
    [
        "<cpu mode='custom' match='exact'>\n  <model fallback='forbid'>Penryn</model>\n  <vendor>Intel</vendor>\n  <topology sockets='2' dies='1' clusters='1' cores='4' threads='1'/>\n  <feature policy='require' name='vmx'/>\n</cpu>\n",
        "<cpu>\n  <arch>x86_64</arch>\n  <model>Penryn</model>\n  <signature family='6' model='23' stepping='10'/>\n  <counter name='tsc' frequency='1000'/>\n  <feature name='ss'/>\n</cpu>\n",
        "<cpudata arch='x86'>\n  <cpuid eax_in='0x00000001' ecx_in='0x00' eax='0x000306c3' ebx='0x02100800' ecx='0x7ffafbff' edx='0xbfebfbff'/>\n  <msr index='0x10a' edx='0x00000000' eax='0x0000006b'/>\n</cpudata>\n",
        "{\"return\": {\"model\": {\"name\": \"base\", \"props\": {\"sse\": true, \"family\": 6, \"vendor\": \"GenuineIntel\"}}}, \"id\": \"x\"}\n{\"return\": [{\"name\": \"qemu64\", \"unavailable-features\": [\"fxsr-opt\"]}]}\n",
        "<cpus>\n  <arch name='x86'>\n    <include filename='a.xml'/>\n    <group name='g'><include filename='b.xml'/></group>\n  </arch>\n  <vendor name='Intel' string='GenuineIntel'/>\n  <feature name='fpu'><cpuid eax_in='0x01' edx='0x00000001'/></feature>\n  <model name='M'><decode host='on' guest='on'/><signature family='6' model='1' stepping='0-4'/><feature name='fpu' removed='yes'/></model>\n</cpus>\n",
        "<domainCapabilities><arch>x86_64</arch><cpu><mode name='host-model' supported='yes'><model fallback='forbid'>EPYC</model><feature policy='disable' name='x'/></mode></cpu></domainCapabilities>",
    ];

    private static readonly string[] SharedSamples =
    [
        "cputestdata/x86_64-host-invtsc.xml", "cputestdata/x86_64-guest.xml", "cputestdata/x86_64-baseline-features.xml",
        "cputestdata/x86_64-cpuid-Core-i7-8550U.xml", "cputestdata/x86_64-cpuid-Core-i5-2540M.json",
        "cpu_map/index.xml", "cpu_map/x86_Skylake-Server.xml", "cpu_map/x86_vendors.xml", "cpu_map/ppc64_POWER8.xml",
    ];

    private static readonly Lazy<string[]> Samples = new(() =>
    {
        var samples = new List<string>(InlineSamples);
        if (SharedData.Root is { } root)
        {
            samples.AddRange(SharedSamples.Select(s => Path.Combine(root, "libvirt", "11.3.0", s)).Where(File.Exists).Select(File.ReadAllText));
        }

        return [.. samples];
    });


    /// <summary>Runs every reader on <paramref name="text"/>, and the writers on whatever was read.</summary>
    private static void ReadEverything(string text)
    {
        foreach (var generation in new[] { LibvirtGeneration.Libvirt9, LibvirtGeneration.Libvirt11 })
        {
            foreach (var type in new[] { CpuXmlType.Auto, CpuXmlType.Host, CpuXmlType.Guest })
            {
                var single = CpuXmlReader.Read(text, "t.xml", type, generation);
                if (single.Succeeded)
                {
                    CpuXmlWriter.Format(single.Cpu, generation);
                }

                foreach (var cpu in CpuXmlReader.ReadAllCpus(text, "t.xml", type, generation).Cpus)
                {
                    CpuXmlWriter.Format(cpu, generation);
                }
            }

            CpuXmlReader.ReadDocument(text, "t.xml", generation);
            QmpReplyReader.Read(text, "t.json", generation);

            // Every file of the map, whatever its name, has the text under test.
            var map = CpuMapReader.Read("m", _ => text, generation);
            if (CpuMapLoader.Bind(map, "m").Database is { } database)
            {
                CpuMapWriter.Render(database);
            }
        }

        var data = CpuDataXmlReader.Read(text, "t.xml");
        if (data.Succeeded)
        {
            CpuDataXmlWriter.Format(data.Data);
        }

        ModelListReader.Read(text, "t.txt");
    }

    [Property(MaxTest = 300)]
    public void Readers_never_throw_on_random_text(string? text) => ReadEverything(text ?? "");

    [Property(MaxTest = 300)]
    public Property Readers_never_throw_on_truncated_or_mutated_real_files() =>
        Prop.ForAll(Mutators.OnSamples(Samples.Value.Length).ToArbitrary(), m => ReadEverything(Mutators.Apply(Samples.Value[m.Sample], m.Mutation)));
}
