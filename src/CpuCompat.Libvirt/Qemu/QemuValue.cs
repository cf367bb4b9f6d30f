using System.Globalization;

namespace CpuCompat.Libvirt.Qemu;

public enum QemuValueKind
{
    Boolean,
    Number,
    String,
}

/// <summary>
/// A QEMU property value: a boolean, a number (kept as its JSON text, so nothing is rounded) or a string.
/// </summary>
public readonly record struct QemuValue(QemuValueKind Kind, string Text)
{
    public static QemuValue Of(bool value) => new(QemuValueKind.Boolean, value ? "true" : "false");

    public static QemuValue Of(long value) => new(QemuValueKind.Number, value.ToString(CultureInfo.InvariantCulture));

    public static QemuValue Of(string value) => new(QemuValueKind.String, value);

    /// <summary>A boolean that is true (what turns a property into a present feature).</summary>
    public bool IsTrue => Kind == QemuValueKind.Boolean && Text == "true";

    /// <summary>An integral number that fits in 32 bits unsigned (family, model, stepping).</summary>
    public bool TryGetUInt32(out uint value)
    {
        value = 0;
        return Kind == QemuValueKind.Number && uint.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public override string ToString() => Kind == QemuValueKind.String ? $"\"{Text}\"" : Text;
}

/// <summary>One property of a QEMU CPU model, under its QEMU name.</summary>
public sealed record QemuProperty(string Name, QemuValue Value);
