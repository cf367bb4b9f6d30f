using System.Collections.Frozen;
using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// What <c>/proc/cpuinfo</c> says about the first processor: the fields libvirt reads (microcode revision, physical
/// address bits) and those the virtualization check needs (vendor, flags, <c>vmx flags</c>).
/// </summary>
public sealed record CpuInfo(
    string? VendorId,
    string? ModelName,
    uint? Microcode,
    uint? PhysicalAddressBits,
    FrozenSet<string> Flags,
    FrozenSet<string> VmxFlags)
{
    public const string Path = "/proc/cpuinfo";

    /// <summary>libvirt looks for the microcode line only in the file's first 4096 bytes (<c>virHostCPUGetMicrocodeVersion</c>).</summary>
    private const int MicrocodeWindow = 4096;

    public static CpuInfo Empty { get; } = new(null, null, null, null, FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    public bool HasFlag(string flag) => Flags.Contains(flag);

    /// <summary>Reads and parses <c>/proc/cpuinfo</c>; <see cref="Empty"/> with a note when it cannot be read.</summary>
    public static CpuInfo Read(HostRoot root, HostNotes notes) =>
        root.ReadText(Path, notes) is { } text ? Parse(text) : Empty;

    public static CpuInfo Parse(string text)
    {
        string? vendor = null, model = null;
        uint? physical = null;
        IEnumerable<string> flags = [], vmxFlags = [];
        var firstBlock = true;
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                // Blocks are separated by an empty line; only the first processor's flags are kept.
                firstBlock = firstBlock && vendor is null && model is null;
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "vendor_id" when firstBlock: vendor ??= value; break;
                case "model name" when firstBlock: model ??= value; break;
                case "flags" when firstBlock: flags = value.Split(' ', StringSplitOptions.RemoveEmptyEntries); break;
                case "vmx flags" when firstBlock: vmxFlags = value.Split(' ', StringSplitOptions.RemoveEmptyEntries); break;
                case "address sizes": physical ??= LeadingNumber(value); break;
            }
        }

        return new CpuInfo(vendor, model, ParseMicrocode(text), physical, flags.ToFrozenSet(StringComparer.Ordinal), vmxFlags.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// libvirt's rule: the first "microcode" in the first 4096 bytes, then the number after the next colon, in C's
    /// base-0 notation (0x… hexadecimal, 0… octal, else decimal); 0 or unreadable means unknown.
    /// </summary>
    private static uint? ParseMicrocode(string text)
    {
        var window = text.Length > MicrocodeWindow ? text[..MicrocodeWindow] : text;
        var at = window.IndexOf("microcode", StringComparison.Ordinal);
        var colon = at < 0 ? -1 : window.IndexOf(':', at);
        if (colon < 0)
        {
            return null;
        }

        var rest = window[(colon + 1)..].TrimStart();
        var end = 0;
        while (end < rest.Length && char.IsAsciiLetterOrDigit(rest[end]))
        {
            end++;
        }

        var number = rest[..end];
        uint value;
        var parsed = number.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(number.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : number.Length > 1 && number[0] == '0'
                ? TryOctal(number, out value)
                : uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return parsed && value != 0 ? value : null;
    }

    private static bool TryOctal(string text, out uint value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '7' || value > uint.MaxValue / 8)
            {
                return false;
            }

            value = (value * 8) + (uint)(c - '0');
        }

        return true;
    }

    private static uint? LeadingNumber(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return uint.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
