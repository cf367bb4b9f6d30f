namespace CpuCompat.Libvirt;

/// <summary>
/// Stable codes of the libvirt input formats (CC4xxx): 40xx shared XML and cpu_map problems, 41xx <c>&lt;cpu&gt;</c>
/// definitions, 42xx <c>&lt;cpudata&gt;</c>, 43xx QEMU replies and model lists. Never reuse a code.
/// </summary>
public static class LibvirtCodes
{
    // Shared by every XML format.
    public const string FileNotReadable = "CC4001";
    public const string MalformedXml = "CC4002";
    public const string UnexpectedRoot = "CC4003";
    public const string MissingAttribute = "CC4004";
    public const string InvalidNumber = "CC4005";
    public const string InvalidValue = "CC4006";
    public const string MissingElement = "CC4007";

    // cpu_map directories.
    public const string UnknownMapArch = "CC4010";
    public const string InvalidStepping = "CC4011";
    public const string NoArchitecture = "CC4012";
    public const string DuplicateArch = "CC4013";
    public const string AncestorNotWritten = "CC4014";
    public const string PolicyNotWritten = "CC4015";
    public const string ModelNotWritable = "CC4016";
    public const string FileNotWritable = "CC4017";
    public const string AliasWithoutName = "CC4018";
    public const string UnusualIncludeRoot = "CC4019";

    // XML refused before its content is read (see GuardedXmlReader and XmlLimits).
    public const string DoctypeNotAllowed = "CC4020";
    public const string XmlTooDeep = "CC4021";
    public const string XmlTooManyAttributes = "CC4022";
    public const string XmlValueTooLong = "CC4023";
    public const string XmlTooLarge = "CC4024";

    // <cpu> definitions.
    public const string NotCpuElement = "CC4101";
    public const string AttributeNotAllowed = "CC4102";
    public const string UnknownArch = "CC4103";
    public const string InvalidVendorId = "CC4104";
    public const string VendorWithoutModel = "CC4105";
    public const string FeaturesWithoutModel = "CC4106";
    public const string DuplicateCpuFeature = "CC4107";
    public const string TooManyCaches = "CC4108";
    public const string NoCpuFound = "CC4109";

    // <cpudata>.
    public const string UnsupportedDataArch = "CC4201";
    public const string NoCpuData = "CC4202";

    // QEMU monitor replies and model lists.
    public const string MalformedJson = "CC4301";
    public const string QmpErrorReply = "CC4302";
    public const string UnexpectedReply = "CC4303";
    public const string ExtraReply = "CC4304";
    public const string InvalidModelName = "CC4305";
}
