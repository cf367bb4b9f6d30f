namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>Raw CPUID dumps given to <c>host-model --cpuid</c>: bad, duplicate and truncated leaves, binary data, empty and huge files.</summary>
public sealed class DumpHostileCases : IHostileCaseSet
{
    private const string Format = "cpuid-dump";

    private static HostileCase HostModel(string name, Func<string, string> write, string stderr) =>
        new(Format, name, dir => ["host-model", "--cpuid", write(dir)], StderrExpectation.Exact(stderr));

    public IEnumerable<HostileCase> Cases =>
    [
        HostModel("empty-file", d => HostileFiles.Text(d, "dump.txt", ""), "{dir}/dump.txt:1:1: error CC4501: The input is empty; give a file with CPU data or CPU definitions."),
        HostModel("binary-1mb", d => HostileFiles.Binary(d, "dump.txt", 1 << 20), "{dir}/dump.txt:1:1: error CC4500: The input format could not be recognized. Expected libvirt XML (<cpudata>, <cpu>, <capabilities>, <domain>, <domainCapabilities>), `cpuid -r` output, an AIDA64/InstLatx64 CPUID dump, a libcpuid raw dump, /proc/cpuinfo or QEMU QMP replies; name the format with --input-format (cpudata, cpu, capabilities, domain, domcapabilities, cpuid-tool, aida64, libcpuid, cpuinfo, qmp)."),
        HostModel("directory", d => HostileFiles.Directory(d, "dump"), "cpucompat: cannot read {dir}/dump: it is a directory; give a file"),
    ];
}
