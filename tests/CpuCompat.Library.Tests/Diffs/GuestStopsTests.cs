using System.Xml.Linq;
using CpuCompat.Diffs;
using CpuCompat.TestSupport;
using Xunit;

namespace CpuCompat.Library.Tests.Diffs;

/// <summary>
/// <c>diff --guests</c>: which of libvirt's real guest CPUs stop when a host's microcode is rolled back. The expected
/// guests come from the feature sets alone (<see cref="LibvirtMap"/>): a guest of these exact-match custom CPUs runs on
/// a host exactly when the vendors agree and every feature the guest stands for is one the host has.
/// </summary>
public sealed class GuestStopsTests
{
    private static CpuCompatibility Compat => DiffRun.Compat;

    private static LibvirtMap Map => DiffRun.Map;

    private static string Data(string name) => DiffRun.Data("11.3.0", name);

    /// <summary>Every guest CPU libvirt decodes in its 11.3.0 test data, copied into one guests directory.</summary>
    private static TempDirectory Guests()
    {
        var dir = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(SharedData.TestDataDir("11.3.0"), "x86_64-cpuid-*-guest.xml"))
        {
            File.Copy(file, Path.Combine(dir.Path, Path.GetFileName(file)));
        }

        return dir;
    }

    private static bool Runs(string guestXml, string vendor, HashSet<string> host) =>
        (string?)XDocument.Parse(guestXml).Descendants("vendor").FirstOrDefault() == vendor && Map.Cpu(guestXml).IsSubsetOf(host);

    private static CpuDiff Diff(string oldPath, string newPath, string guests) => DiffRun.Diff(oldPath, newPath, guests);

    [Theory]
    [InlineData("Core-i7-5600U-ibrs", "Core-i7-5600U", "Intel")]
    [InlineData("EPYC-7601-32-Core-ibpb", "EPYC-7601-32-Core", "AMD")]
    public void Rolling_microcode_back_stops_exactly_the_guests_that_need_what_it_gave(string after, string before, string vendor)
    {
        // OLD and NEW are the raw CPUID data (decoded as host CPUs); the expectation uses libvirt's own host decodes.
        using var guests = Guests();
        var diff = Diff(Data($"{after}.xml"), Data($"{before}.xml"), guests.Path);
        var oldHost = Map.Cpu(File.ReadAllText(Data($"{after}-host.xml")));
        var newHost = Map.Cpu(File.ReadAllText(Data($"{before}-host.xml")));

        var files = Directory.EnumerateFiles(guests.Path).Select(f => (Name: Path.GetFileName(f), Xml: File.ReadAllText(f))).ToList();
        var ranBefore = files.Where(g => Runs(g.Xml, vendor, oldHost)).ToList();
        var stops = ranBefore.Where(g => !Runs(g.Xml, vendor, newHost)).Select(g => g.Name).Order(StringComparer.Ordinal).ToList();

        var check = Assert.IsType<GuestCheck>(diff.Guests);
        Assert.Equal(files.Count, check.Checked);
        Assert.Equal(ranBefore.Count, check.RanBefore);
        Assert.Equal(stops, check.Stops.Select(s => s.Guest));
        Assert.Contains($"x86_64-cpuid-{after}-guest.xml", stops);
        Assert.True(diff.LosesSomething);
        foreach (var stop in check.Stops)
        {
            var missing = Map.Cpu(File.ReadAllText(Path.Combine(guests.Path, stop.Guest))).Except(newHost).Order(StringComparer.Ordinal);
            Assert.Equal(missing, stop.Features.Order(StringComparer.Ordinal));
            Assert.Equal("Host CPU does not provide required features", stop.Reason);
        }
    }

    [Fact]
    public void The_update_itself_stops_no_guest()
    {
        using var guests = Guests();
        var diff = Diff(Data("Core-i7-5600U.xml"), Data("Core-i7-5600U-ibrs.xml"), guests.Path);
        Assert.Empty(diff.Guests!.Stops);
        Assert.False(diff.LosesSomething);
    }

    [Fact]
    public void Pool_baselines_stand_for_a_host_with_exactly_their_features()
    {
        // OLD and NEW in guest form (what a pool's baseline is): the guests are checked against the host CPU libvirt
        // would report for a host offering just those features.
        using var guests = Guests();
        var oldPath = Data("Core-i7-5600U-ibrs-guest.xml");
        var newPath = Data("Core-i7-5600U-guest.xml");
        var diff = Diff(oldPath, newPath, guests.Path);
        var oldSet = Map.Cpu(File.ReadAllText(oldPath));
        var newSet = Map.Cpu(File.ReadAllText(newPath));

        var files = Directory.EnumerateFiles(guests.Path).Select(f => (Name: Path.GetFileName(f), Xml: File.ReadAllText(f))).ToList();
        var stops = files.Where(g => Runs(g.Xml, "Intel", oldSet) && !Runs(g.Xml, "Intel", newSet)).Select(g => g.Name).Order(StringComparer.Ordinal);
        Assert.Equal(CpuForm.Custom, diff.Old.Form);
        Assert.Equal(stops, diff.Guests!.Stops.Select(s => s.Guest));
        Assert.Equal(files.Count(g => Runs(g.Xml, "Intel", oldSet)), diff.Guests.RanBefore);
    }

    [Fact]
    public void The_host_a_guest_cpu_stands_for_has_exactly_its_features()
    {
        foreach (var file in Directory.EnumerateFiles(SharedData.TestDataDir("11.3.0"), "x86_64-cpuid-*-guest.xml"))
        {
            var side = DiffSide.Of(Compat.Engine, Compat.Reader, DiffRun.Read(file), file).Value;
            var host = GuestStops.HostOf(Compat.Engine, side);
            Assert.True(host.Succeeded, host.Succeeded ? "" : host.Error!.Message);
            Assert.Equal(Core.Cpu.CpuType.Host, host.Value.Type);
            Assert.Equal(Map.Cpu(File.ReadAllText(file)).Order(StringComparer.Ordinal), Map.Cpu(Compat.ToXml(host.Value)).Order(StringComparer.Ordinal));
            Assert.Equal(side.Cpu.Vendor, host.Value.Vendor);
        }
    }

    [Fact]
    public void An_unreadable_guest_is_an_error_naming_its_file()
    {
        using var guests = new TempDirectory();
        guests.Write("good.xml", File.ReadAllText(Data("Core-i7-5600U-guest.xml")));
        guests.Write("bad.xml", "<domain><cpu mode='custom'><model>NoSuchModel</model></cpu></domain>");
        var old = DiffRun.Read(Data("Core-i7-5600U-host.xml"));
        var diff = Compat.Diff(old, "old", old, "new", guests.Path);
        Assert.False(diff.Succeeded);
        Assert.Contains("bad.xml", diff.Error!.Message, StringComparison.Ordinal);
    }
}
