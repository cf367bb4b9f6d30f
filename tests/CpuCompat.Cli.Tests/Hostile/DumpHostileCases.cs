using CpuCompat.TestSupport;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>
/// Raw CPU data given to <c>host-model --cpuid</c>: CPUID dumps with bad, duplicate and truncated leaves, /proc/cpuinfo
/// with bad numbers, QMP replies cut short, binary data, empty files, directories, endless devices and 100 MB files.
/// </summary>
public sealed class DumpHostileCases : IHostileCaseSet
{
    private const string TooLarge = "it is larger than 16 MiB, far more than any CPU description, dump or reply (real ones are under 1 MiB)";

    private static string Dump => File.ReadAllText(RepositoryRoot.File("data/examples/host-cpuid.txt"));

    private static string[] DumpLines => Dump.Split('\n');

    private static HostileCase HostModel(string format, string name, Func<string, string> write, string stderr) =>
        new(format, name, dir => ["host-model", "--cpuid", write(dir)], StderrExpectation.Exact(stderr));

    public IEnumerable<HostileCase> Cases =>
    [
        HostModel("cpuid-dump", "empty-file", d => HostileFiles.Text(d, "dump.txt", ""),
            "{dir}/dump.txt:1:1: error CC4501: The input is empty; give a file with CPU data or CPU definitions."),
        HostModel("cpuid-dump", "binary-1mb", d => HostileFiles.Binary(d, "dump.txt", 1 << 20),
            "{dir}/dump.txt:1:1: error CC4500: The input format could not be recognized. Expected libvirt XML (<cpudata>, <cpu>, <capabilities>, <domain>, <domainCapabilities>), `cpuid -r` output, an AIDA64/InstLatx64 CPUID dump, a libcpuid raw dump, /proc/cpuinfo or QEMU QMP replies; name the format with --input-format (cpudata, cpu, capabilities, domain, domcapabilities, cpuid-tool, aida64, libcpuid, cpuinfo, qmp)."),
        HostModel("cpuid-dump", "directory", d => HostileFiles.Directory(d, "dump"), "cpucompat: cannot read {dir}/dump: it is a directory; give a file"),
        HostModel("cpuid-dump", "100mb", d => HostileFiles.Repeated(d, "dump.txt", Dump, DumpLines[2] + "\n", 100 * HostileFiles.MiB),
            "cpucompat: cannot read {dir}/dump.txt: " + TooLarge) with { MaxPeakMiB = 200 },
        HostModel("cpuid-dump", "endless-device", _ => "/dev/zero", "cpucompat: cannot read /dev/zero: " + TooLarge) with { MaxPeakMiB = 200 },
        HostModel("cpuid-dump", "truncated-mid-line", d => HostileFiles.Text(d, "dump.txt", Dump[..1500]),
            "{dir}/dump.txt:20:4: error CC4510: This cpuid -r line cannot be read; expected '0x00000007 0x00: eax=0x… ebx=0x… ecx=0x… edx=0x…'."),
        HostModel("cpuid-dump", "bad-hex", d => HostileFiles.Text(d, "dump.txt", string.Join('\n', DumpLines.Select((l, i) => i == 4 ? l.Replace("eax=0x0", "eax=0xZZ", StringComparison.Ordinal) : l))),
            "{dir}/dump.txt:5:4: error CC4510: This cpuid -r line cannot be read; expected '0x00000007 0x00: eax=0x… ebx=0x… ecx=0x… edx=0x…'."),
        HostModel("cpuid-dump", "overflowing-register", d => HostileFiles.Text(d, "dump.txt", string.Join('\n', DumpLines.Select((l, i) => i == 4 ? l.Replace("eax=0x", "eax=0x1", StringComparison.Ordinal) : l))),
            "{dir}/dump.txt:5:4: error CC4510: This cpuid -r line cannot be read; expected '0x00000007 0x00: eax=0x… ebx=0x… ecx=0x… edx=0x…'."),
        HostModel("cpuid-dump", "control-characters", d => HostileFiles.Text(d, "dump.txt", "CPU:\n   0x00000000 0x00: eax=\u001b[31m\u009b\n"),
            "{dir}/dump.txt:2:4: error CC4510: This cpuid -r line cannot be read; expected '0x00000007 0x00: eax=0x… ebx=0x… ecx=0x… edx=0x…'."),
        HostModel("qmp", "truncated-reply", d => HostileFiles.Text(d, "q.json", File.ReadAllText(RepositoryRoot.File("data/examples/qemu-cpu-definitions.json"))[..300]),
            "{dir}/q.json:4:62: error CC4301: the file is not valid JSON: 't' is an invalid JSON literal. Expected the literal 'true'. Fix the JSON syntax."),
        HostModel("qmp", "not-a-reply", d => HostileFiles.Text(d, "q.json", "{\"return\": 42}\n"),
            "{dir}/q.json:1:1: error CC4530: The QMP replies hold no query-cpu-model-expansion reply, so there is no CPU data to read."),
        HostModel("qmp", "deep-nesting", d => HostileFiles.Text(d, "q.json", "{\"return\": " + new string('[', 100_000) + new string(']', 100_000) + "}"),
            "{dir}/q.json:1:75: error CC4301: the file is not valid JSON: The maximum configured depth of 64 has been exceeded. Cannot read next JSON array. Fix the JSON syntax."),
        HostModel("cpuinfo", "bad-family", d => HostileFiles.Text(d, "cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6x\nmodel\t\t: 85\nflags\t\t: fpu sse\n"),
            "{dir}/cpuinfo:3:14: error CC4522: 'cpu family' should be a decimal number, not '6x'."),
        HostModel("cpuinfo", "overflowing-model", d => HostileFiles.Text(d, "cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 99999999999999999999\nflags\t\t: fpu sse\n"),
            "{dir}/cpuinfo:4:10: error CC4522: 'model' should be a decimal number, not '99999999999999999999'."),
        new("cpudata", "output-dir-batch-100mb", d => ["host-model", "--cpuid", RepositoryRoot.File("data/examples/host-cpudata.xml"), "--cpuid",
                HostileFiles.Repeated(d, "big.xml", "<cpudata arch='x86'>\n", "  <cpuid eax_in='0x00000001' ecx_in='0x00' eax='0x000306c3' ebx='0x02100800' ecx='0x7ffafbff' edx='0xbfebfbff'/>\n", 100L << 20, "</cpudata>\n"),
                "--output-dir", Path.Combine(d, "out")],
            StderrExpectation.Exact($"cpucompat: cannot read {{dir}}/big.xml: {TooLarge}\ncpucompat: 1 of 2 files cannot be decoded; nothing was written (--keep-going leaves them out)")),
    ];
}
