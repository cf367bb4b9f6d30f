using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Serialization;

namespace CpuCompat.Data;

/// <summary>
/// The database compiled from the repository's <c>data/</c> (libvirt 11.3.0's facts in CpuCompat's DSL, plus its
/// rules), embedded in binary form at build time.
/// </summary>
public static class DefaultDatabase
{
    private const string ResourceName = "CpuCompat.Data.default.ccdb";

    private static readonly Lazy<CpuDatabase> Instance = new(Read);

    /// <summary>The built-in database; read on first use, then shared (it is immutable).</summary>
    public static CpuDatabase Value => Instance.Value;

    /// <summary>The embedded binary form itself, for what measures reading it.</summary>
    internal static Stream OpenEmbedded() =>
        typeof(DefaultDatabase).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The build did not embed {ResourceName}.");

    private static CpuDatabase Read()
    {
        using var stream = OpenEmbedded();
        var outcome = DatabaseReader.Read(stream);
        return outcome.Succeeded
            ? outcome.Value
            : throw new InvalidOperationException($"The embedded database is unreadable: {outcome.Error.Message}");
    }
}
