namespace CpuCompat.Core.Cpu;

/// <summary>
/// Which libvirt's behaviour a database answers with where the algorithms, not the map, differ
/// (see <c>Engine/README.md</c>, "Two generations"): topology clusters, ancestor alias detection, the internal hypervisor features,
/// UpdateLive details. CpuCompat reproduces 9.0.0 and 11.3.0.
/// </summary>
public enum LibvirtGeneration
{
    Libvirt9 = 9,
    Libvirt11 = 11,
}

public static class LibvirtGenerations
{
    /// <summary>The newest libvirt major version whose CPU behaviour is known (that of 11.3.0).</summary>
    public const int NewestMajor = 11;

    /// <summary>
    /// Maps a libvirt version ("9.0.0", "11.3", "11") to the generation whose behaviour it has:
    /// versions before 10.0 behave as 9.0.0, 10.x and 11.x as 11.3.0. Returns null for text that is not a version,
    /// and for a version after 11.x: what a libvirt not yet released does is not known, so it is not guessed.
    /// </summary>
    public static LibvirtGeneration? FromVersion(string version)
    {
        var major = version.Split('.')[0];
        if (!int.TryParse(major, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
            || !version.Split('.').All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        return m > NewestMajor ? null : m < 10 ? LibvirtGeneration.Libvirt9 : LibvirtGeneration.Libvirt11;
    }

    /// <summary>The libvirt release whose behaviour the generation reproduces.</summary>
    public static string ReferenceVersion(this LibvirtGeneration generation) =>
        generation == LibvirtGeneration.Libvirt9 ? "9.0.0" : "11.3.0";
}
