using CpuCompat.Core.Cpu;

namespace CpuCompat.Core.Binding;

/// <summary>Stable codes of the binding phase (CC2xxx) and of whole-database checks (CC3xxx). Never reuse a code.</summary>
public static class BindingCodes
{
    public const string UnknownFeature = "CC2001";
    public const string UnknownModel = "CC2002";
    public const string UnknownVendor = "CC2003";
    public const string DuplicateFeature = "CC2004";
    public const string DuplicateModel = "CC2005";
    public const string DuplicateVendor = "CC2006";
    public const string InheritanceCycle = "CC2007";
    public const string UsedBeforeDeclared = "CC2008";
    public const string ConflictingCompat = "CC2009";
    public const string InvalidCompatVersion = "CC2010";
    public const string DuplicatePool = "CC2011";
    public const string DuplicateRule = "CC2012";
    public const string ConflictingPoolPolicy = "CC2013";
    public const string CanonicalNameConflict = "CC2014";
    public const string FeatureListedTwice = "CC2015";
    public const string BadVendorString = "CC2016";
    public const string NotSupportedForArch = "CC2017";
    public const string MissingFeatureBits = "CC2018";
    public const string MissingPvrMask = "CC2019";
    public const string InvalidSignature = "CC2020";
    public const string MissingPvr = "CC2021";
    public const string MsrRegister = "CC2022";
    public const string UnknownPool = "CC2023";
    public const string UnknownLevel = "CC2024";
    public const string DuplicateLevel = "CC2025";
    public const string LevelIsOwnBase = "CC2026";
    public const string HostTestInRule = "CC2027";
    public const string NotAPolicyDeclaration = "CC2028";

    public const string TooManyFeatures = "CC3001";
    public const string SharedFeatureBits = "CC3002";
    public const string ModelBreaksDependency = "CC3003";
    public const string DuplicateVendorString = "CC3004";
    public const string RuleNotRebound = "CC3005";
}
