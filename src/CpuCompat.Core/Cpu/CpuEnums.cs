namespace CpuCompat.Core.Cpu;

/// <summary>A host CPU (what a machine has; features carry no policy) or a guest CPU (what a VM asks for).</summary>
public enum CpuType
{
    Host,
    Guest,
}

public enum CpuMode
{
    Custom,
    HostModel,
    HostPassthrough,
    Maximum,
}

public enum CpuMatch
{
    Exact,
    Minimum,
    Strict,
}

public enum CpuCheck
{
    Default,
    None,
    Partial,
    Full,
}

public enum CpuFallback
{
    Allow,
    Forbid,
}

/// <summary>What a guest definition asks of one feature.</summary>
public enum FeaturePolicy
{
    Force,
    Require,
    Optional,
    Disable,
    Forbid,
}

public static class CpuEnumNames
{
    public static string Name(this CpuMode mode) => mode switch
    {
        CpuMode.Custom => "custom",
        CpuMode.HostModel => "host-model",
        CpuMode.HostPassthrough => "host-passthrough",
        _ => "maximum",
    };

    public static string Name(this CpuMatch match) => match switch
    {
        CpuMatch.Exact => "exact",
        CpuMatch.Minimum => "minimum",
        _ => "strict",
    };

    public static string Name(this CpuCheck check) => check switch
    {
        CpuCheck.Default => "default",
        CpuCheck.None => "none",
        CpuCheck.Partial => "partial",
        _ => "full",
    };

    public static string Name(this CpuFallback fallback) => fallback == CpuFallback.Allow ? "allow" : "forbid";

    public static string Name(this FeaturePolicy policy) => policy switch
    {
        FeaturePolicy.Force => "force",
        FeaturePolicy.Require => "require",
        FeaturePolicy.Optional => "optional",
        FeaturePolicy.Disable => "disable",
        _ => "forbid",
    };

    public static CpuMode? ParseMode(string s) => s switch
    {
        "custom" => CpuMode.Custom,
        "host-model" => CpuMode.HostModel,
        "host-passthrough" => CpuMode.HostPassthrough,
        "maximum" => CpuMode.Maximum,
        _ => null,
    };

    public static CpuMatch? ParseMatch(string s) => s switch
    {
        "exact" => CpuMatch.Exact,
        "minimum" => CpuMatch.Minimum,
        "strict" => CpuMatch.Strict,
        _ => null,
    };

    public static CpuCheck? ParseCheck(string s) => s switch
    {
        "default" => CpuCheck.Default,
        "none" => CpuCheck.None,
        "partial" => CpuCheck.Partial,
        "full" => CpuCheck.Full,
        _ => null,
    };

    public static CpuFallback? ParseFallback(string s) => s switch
    {
        "allow" => CpuFallback.Allow,
        "forbid" => CpuFallback.Forbid,
        _ => null,
    };

    public static FeaturePolicy? ParsePolicy(string s) => s switch
    {
        "force" => FeaturePolicy.Force,
        "require" => FeaturePolicy.Require,
        "optional" => FeaturePolicy.Optional,
        "disable" => FeaturePolicy.Disable,
        "forbid" => FeaturePolicy.Forbid,
        _ => null,
    };
}
