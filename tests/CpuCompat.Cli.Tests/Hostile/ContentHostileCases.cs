using CpuCompat.TestSupport;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>
/// Well-formed input whose content is wrong: bad and overflowing numbers (refused where libvirt's parser refuses
/// them), wrong root elements, a models file that is not one, and CPUs that cannot be baselined together (mixed
/// vendors, an unknown feature or model in one of several files). Each error names the file, and the line of the
/// CPU or attribute at fault, even when the engine finds it only after every file was read.
/// </summary>
public sealed class ContentHostileCases : IHostileCaseSet
{
    private const string Format = "xml";

    private static string Example(string name) => RepositoryRoot.File($"data/examples/{name}");

    private static string Host(string vendor, string model, string extra = "") =>
        $"<cpu>\n  <arch>x86_64</arch>\n  <model>{model}</model>\n  <vendor>{vendor}</vendor>\n{extra}</cpu>\n";

    /// <summary>
    /// A host CPU with one bad line (line 5), baselined beside the three good hosts of the example pool; the error is at
    /// the attribute, whose column <c>{column}</c> stands for.
    /// </summary>
    private static HostileCase Number(string name, string line, string attribute, string stderr) =>
        new(Format, $"numbers/{name}", d => ["cpu-baseline", Example("pool-east.xml"), HostileFiles.Text(d, "host.xml", Host("Intel", "Haswell", $"  {line}\n"))],
            StderrExpectation.Exact(stderr.Replace("{column}", Column(line, attribute), StringComparison.Ordinal)));

    /// <summary>The 1-based column of <paramref name="attribute"/> in <paramref name="line"/> indented by two spaces.</summary>
    private static string Column(string line, string attribute) => $"{line.IndexOf($" {attribute}=", StringComparison.Ordinal) + 4}";

    /// <summary>Raw CPUID data with one bad leaf (line 3), decoded by host-model.</summary>
    private static HostileCase Leaf(string name, string line, string attribute, string stderr) =>
        new(Format, $"cpudata-numbers/{name}", d => ["host-model", "--cpuid", HostileFiles.Text(d, "cpudata.xml",
                "<cpudata arch='x86'>\n  <cpuid eax_in='0x00000000' ecx_in='0x00' eax='0x0000000d' ebx='0x756e6547' ecx='0x6c65746e' edx='0x49656e69'/>\n"
                + $"  {line}\n</cpudata>\n")],
            StderrExpectation.Exact(stderr.Replace("{column}", Column(line, attribute), StringComparison.Ordinal)));

    private static HostileCase Baseline(string name, Func<string, IReadOnlyList<string>> files, string stderr) =>
        new(Format, $"baseline/{name}", d => ["cpu-baseline", .. files(d)], StderrExpectation.Exact(stderr));

    public IEnumerable<HostileCase> Cases =>
    [
        Number("family-negative", "<signature family='-6' model='63' stepping='2'/>", "family",
            "{dir}/host.xml:5:{column}: error CC4005: '-6' is not a valid value for family of <signature>; write a decimal number greater than zero."),
        Number("family-overflow", "<signature family='99999999999' model='63' stepping='2'/>", "family",
            "{dir}/host.xml:5:{column}: error CC4005: '99999999999' is not a valid value for family of <signature>; write a decimal number greater than zero."),
        Number("family-hex", "<signature family='0x6' model='63' stepping='2'/>", "family",
            "{dir}/host.xml:5:{column}: error CC4005: '0x6' is not a valid value for family of <signature>; write a decimal number greater than zero."),
        Number("sockets-zero", "<topology sockets='0' cores='2' threads='1'/>", "sockets",
            "{dir}/host.xml:5:{column}: error CC4005: '0' is not a valid value for sockets of <topology>; write a decimal number greater than zero."),
        Number("sockets-overflow", "<topology sockets='4294967296' cores='2' threads='1'/>", "sockets",
            "{dir}/host.xml:5:{column}: error CC4005: '4294967296' is not a valid value for sockets of <topology>; write a decimal number greater than zero."),
        Number("microcode-overflow", "<microcode version='4294967296'/>", "version",
            "{dir}/host.xml:5:{column}: error CC4005: '4294967296' is not a valid value for version of <microcode>; write a decimal number."),
        Number("tsc-overflow", "<counter name='tsc' frequency='99999999999999999999999'/>", "frequency",
            "{dir}/host.xml:5:{column}: error CC4005: '99999999999999999999999' is not a valid value for frequency of <counter>; write a frequency in Hz."),
        Number("maxphysaddr-text", "<maxphysaddr mode='emulate' bits='x'/>", "bits",
            "{dir}/host.xml:5:{column}: error CC4005: 'x' is not a valid value for bits of <maxphysaddr>; write a number of address bits such as 42."),
        Number("cache-level", "<cache level='9' mode='emulate'/>", "level",
            "{dir}/host.xml:5:{column}: error CC4005: '9' is not a valid value for level of <cache>; write 1, 2 or 3."),
        Leaf("leaf-overflow", "<cpuid eax_in='0x100000000' ecx_in='0x00' eax='0x000306c3' ebx='0x02100800' ecx='0x7ffafbff' edx='0xbfebfbff'/>", "eax_in",
            "{dir}/cpudata.xml:3:{column}: error CC4005: '0x100000000' is not a valid value for eax_in of <cpuid>; write a 32-bit number such as 0x0000000d."),
        Leaf("register-negative", "<cpuid eax_in='0x1' ecx_in='0x00' eax='-1' ebx='0x02100800' ecx='0x7ffafbff' edx='0xbfebfbff'/>", "eax",
            "{dir}/cpudata.xml:3:{column}: error CC4005: '-1' is not a valid value for eax of <cpuid>; write a 32-bit number such as 0x0000000d."),
        Leaf("msr-text", "<msr index='0x10a' edx='0x0' eax='zz'/>", "eax",
            "{dir}/cpudata.xml:3:{column}: error CC4005: 'zz' is not a valid value for eax of <msr>; write a 32-bit number such as 0x0000000d."),
        Baseline("wrong-root", d => [Example("pool-east.xml"), HostileFiles.Text(d, "page.xml", "<html>\n<body/>\n</html>\n")],
            "{dir}/page.xml:1:1: error CC4500: The input format could not be recognized. Expected libvirt XML (<cpudata>, <cpu>, <capabilities>, <domain>, <domainCapabilities>), `cpuid -r` output, an AIDA64/InstLatx64 CPUID dump, a libcpuid raw dump, /proc/cpuinfo or QEMU QMP replies; name the format with --input-format (cpudata, cpu, capabilities, domain, domcapabilities, cpuid-tool, aida64, libcpuid, cpuinfo, qmp)."),
        new(Format, "baseline/forced-root", d => ["cpu-baseline", "--input-format", "domain", HostileFiles.Text(d, "hosts.xml", Host("Intel", "Haswell"))],
            StderrExpectation.Exact("{dir}/hosts.xml:1:1: error CC4540: The 'domain' format needs a <domain> document, but the root element is <cpu>; use --input-format cpu or auto.")),
        new(Format, "update-cpu/wrong-root", d => ["update-cpu", HostileFiles.Text(d, "page.xml", "<html>\n<body/>\n</html>\n"), "--host", Example("host-cpudata.xml")],
            StderrExpectation.Exact("{dir}/page.xml:1:1: error CC4109: the file does not contain any <cpu> element or valid domain XML, host capabilities XML, or domain capabilities XML.")),
        new("models", "update-cpu/models-not-a-list", d => ["update-cpu", Example("guest.xml"), "--host", Example("host-cpudata.xml"), "--models", HostileFiles.Text(d, "models.txt", "<html>\n<body/>\n</html>\n")],
            StderrExpectation.Exact("{dir}/models.txt:1:1: error CC4305: '<html>' is not a CPU model name: it contains '<'; a models file is a QMP query-cpu-definitions reply or model names, one a line ('#' starts a comment).")),
        Baseline("mixed-vendors-files", d => [HostileFiles.Text(d, "intel.xml", Host("Intel", "Haswell")), HostileFiles.Text(d, "amd.xml", Host("AMD", "EPYC"))],
            "cpucompat: {dir}/amd.xml:1: CPU vendors do not match"),
        Baseline("mixed-vendors-one-file", d => [HostileFiles.Text(d, "hosts.xml", Host("Intel", "Haswell") + Host("AMD", "EPYC"))],
            "cpucompat: {dir}/hosts.xml:6: CPU vendors do not match"),
        new(Format, "hypervisor-cpu-baseline/mixed-vendors", d => ["hypervisor-cpu-baseline", HostileFiles.Text(d, "hosts.xml", Host("Intel", "Haswell") + Host("AMD", "EPYC")), "--cpuid", Example("host-cpudata.xml")],
            StderrExpectation.Exact("cpucompat: {dir}/hosts.xml:6: CPU vendors do not match")),
        Baseline("vendor-of-model", d => [Example("pool-east.xml"), HostileFiles.Text(d, "amd.xml", Host("AMD", "Haswell"))],
            "cpucompat: {dir}/amd.xml:1: CPU vendor AMD of model Haswell differs from the vendor of the model, Intel"),
        Baseline("unknown-feature-in-third-file", d => [Example("pool-east.xml"), HostileFiles.Text(d, "a.xml", Host("Intel", "Haswell")),
                HostileFiles.Text(d, "bad.xml", Host("Intel", "Haswell", "  <feature name='warp-drive'/>\n"))],
            "cpucompat: {dir}/bad.xml:1: unknown CPU feature 'warp-drive'"),
        Baseline("unknown-model-in-a-domain", d => [Example("pool-east.xml"), HostileFiles.Text(d, "domain.xml", "<domain type='kvm'>\n  <name>g</name>\n  <cpu mode='custom'>\n    <model>Warpwell</model>\n  </cpu>\n</domain>\n")],
            "cpucompat: {dir}/domain.xml:3: unknown CPU model 'Warpwell'"),
    ];
}
