using System.Diagnostics;
using System.Text.RegularExpressions;
using CpuCompat.Host.Capabilities;
using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Host.Tests.Capabilities;

/// <summary>
/// The documents validate against libvirt's own RelaxNG schema (<c>capability.rng</c>, found in
/// <c>/usr/share/libvirt/schemas</c>) with <c>xmllint</c>; skipped with the reason when either is missing.
/// </summary>
/// <remarks>
/// libvirt 9.0.0's schema rejects some of what libvirt 9.0.0 itself prints — its real <c>virsh capabilities</c> fails
/// the same way: host feature names with a dot (<c>sse4.1</c>), <c>&lt;netprefix&gt;</c> and the <c>xenpvh</c> OS type.
/// Errors on exactly those lines are accepted; any other error fails the test.
/// </remarks>
public sealed partial class CapabilitiesSchemaTests
{
    private const string SchemaPath = "/usr/share/libvirt/schemas/capability.rng";

    [GeneratedRegex(@":(\d+): element")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"<feature name='[^']*\.[^']*'/>|<netprefix>|<os_type>xenpvh</os_type>")]
    private static partial Regex KnownSchemaGap();

    private static string Xmllint()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "xmllint")).FirstOrDefault(File.Exists);
        Assert.SkipWhen(found is null, "xmllint is not installed (apt-get install libxml2-utils)");
        Assert.SkipUnless(File.Exists(SchemaPath), $"libvirt's schema {SchemaPath} is not installed (apt-get install libvirt-daemon)");
        return found!;
    }

    private static void AssertValid(string xml)
    {
        var xmllint = Xmllint();
        using var file = new TempTree();
        var path = Path.Combine(file.Path, "capabilities.xml");
        File.WriteAllText(path, xml);

        using var process = Process.Start(new ProcessStartInfo(xmllint, ["--noout", "--relaxng", SchemaPath, path])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0)
        {
            return;
        }

        var lines = xml.Split('\n');
        var unexplained = ErrorLine().Matches(errors)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(n => !KnownSchemaGap().IsMatch(lines[n - 1].Trim()))
            .ToList();
        Assert.True(unexplained.Count == 0 && ErrorLine().IsMatch(errors), $"the document does not validate:\n{errors}");
    }

    [Theory]
    [InlineData(HostFixtures.Intel, HypervisorDriver.Qemu)]
    [InlineData(HostFixtures.Intel, HypervisorDriver.Lxc)]
    [InlineData(HostFixtures.Amd, HypervisorDriver.Qemu)]
    [InlineData(HostFixtures.Amd, HypervisorDriver.Lxc)]
    [InlineData(HostFixtures.Amd, HypervisorDriver.Xen)]
    [InlineData(HostFixtures.Container, HypervisorDriver.Qemu)]
    public void Fixture_documents_validate(string fixture, HypervisorDriver driver) =>
        AssertValid(CapabilitiesXmlWriter.Format(CapabilitiesBuilder.Build(HostFixtures.Environment(fixture), driver, HostFixtures.Engine())));

    [Theory]
    [InlineData(HypervisorDriver.Qemu)]
    [InlineData(HypervisorDriver.Lxc)]
    public void This_machines_documents_validate(HypervisorDriver driver) =>
        AssertValid(CapabilitiesXmlWriter.Format(CapabilitiesBuilder.Build(HostEnvironment.Live(), driver, HostFixtures.Engine())));
}
