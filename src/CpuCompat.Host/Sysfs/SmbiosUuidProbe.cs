using System.Globalization;

namespace CpuCompat.Host.Sysfs;

/// <summary>
/// The host UUID of the capabilities (libvirt's <c>virGetHostUUID</c>): <c>host_uuid</c> of <c>libvirtd.conf</c> if
/// set; else the SMBIOS system UUID (<c>/sys/devices/virtual/dmi/id/product_uuid</c>, then
/// <c>/sys/class/dmi/id/product_uuid</c>) unless <c>host_uuid_source = "machine-id"</c> asks for
/// <c>/etc/machine-id</c>. A UUID whose 16 bytes are all equal is invalid, as in libvirt.
/// </summary>
/// <remarks>
/// Where libvirt finds no SMBIOS UUID (virtual machines without DMI, containers, non-root readers) it makes up a
/// random one at every start. A report must be stable, so CpuCompat uses the machine-id instead and says so.
/// </remarks>
public static class SmbiosUuidProbe
{
    public static readonly string[] ProductUuidPaths = ["/sys/devices/virtual/dmi/id/product_uuid", "/sys/class/dmi/id/product_uuid"];
    public const string MachineIdPath = "/etc/machine-id";

    public static string? Read(HostRoot root, HostNotes notes)
    {
        var config = LibvirtConfig.Read(root, LibvirtConfig.DaemonConfPath);
        if (config.Get("host_uuid") is { } configured && Normalize(configured) is { } fromConfig)
        {
            return fromConfig;
        }

        var useMachineId = config.Get("host_uuid_source") == "machine-id";
        if (!useMachineId)
        {
            ReadFailure lastFailure = ReadFailure.Missing;
            foreach (var path in ProductUuidPaths)
            {
                if (root.TryReadText(path, out var text, out var failure))
                {
                    if (Normalize(text) is { } uuid)
                    {
                        return uuid;
                    }

                    lastFailure = ReadFailure.Malformed($"'{text.Trim()}' is not a valid UUID");
                }
                else if (failure.Kind != ReadFailureKind.Missing || lastFailure.Kind == ReadFailureKind.Missing)
                {
                    lastFailure = failure;
                }
            }

            notes.Failed(ProductUuidPaths[^1], lastFailure);
        }

        var machineId = root.ReadLine(MachineIdPath, notes);
        if (machineId is not null && Normalize(machineId) is { } fromMachineId)
        {
            if (!useMachineId)
            {
                notes.Substituted("host UUID", $"derived from {MachineIdPath} (libvirt would make up a random UUID at each start)");
            }

            return fromMachineId;
        }

        return null;
    }

    /// <summary>Lower-case 8-4-4-4-12 form of a UUID written with or without dashes; null when invalid.</summary>
    public static string? Normalize(string text)
    {
        var hex = text.Trim().Replace("-", "", StringComparison.Ordinal);
        if (hex.Length != 32 || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        hex = hex.ToLowerInvariant();
        var bytes = Enumerable.Range(0, 16).Select(i => byte.Parse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        if (bytes.All(b => b == bytes[0]))
        {
            return null;
        }

        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
