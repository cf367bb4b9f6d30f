using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Serialization;

/// <summary>
/// The binary form of a compiled database (<c>.ccdb</c>): what <c>data/</c> compiles to at build time, so that
/// start-up reads a few kilobytes instead of parsing DSL. Little-endian, strings as length-prefixed UTF-8.
/// Layout: magic, format version, generation, source, the table of source files that spans name by index
/// (<see cref="SpanFileWriter"/>); then per architecture its vendors, features, models,
/// rules, dependencies, pools, ABI levels and checks, each a count followed by records (see <see cref="DatabaseWriter"/>).
/// </summary>
internal static class DatabaseFormat
{
    public static ReadOnlySpan<byte> Magic => "CCDB"u8;

    /// <summary>Bumped whenever the layout changes; readers reject other versions.</summary>
    /// <remarks>
    /// 2: spans also keep their end line and column. 4: pool selectors and minimum, ABI levels, checks. 5: spans name
    /// their file by its index in a table.
    /// </remarks>
    public const ushort Version = 5;

    // Condition node tags.
    public const byte AllOf = 1;
    public const byte AnyOf = 2;
    public const byte Not = 3;
    public const byte VendorIs = 4;
    public const byte FieldCompare = 5;
    public const byte FieldIn = 6;
    public const byte HasFeatures = 7;
    public const byte RunsModel = 8;
    public const byte LabelIs = 9;

    // Check tags.
    public const byte GuestsCheck = 1;
    public const byte MinimumCheck = 2;
    public const byte DeprecatedCheck = 3;
    public const byte ExposesCheck = 4;
}
