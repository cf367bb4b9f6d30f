namespace CpuCompat.Cli.Infrastructure;

/// <summary>Every option spelling in one place: outside checks rely on these names.</summary>
internal static class CliConstants
{
    public const string Cpuid = "--cpuid";
    public const string Guest = "--guest";
    public const string Models = "--models";
    public const string CpuMap = "--cpu-map";
    public const string LibvirtVersion = "--libvirt-version";
    public const string Database = "--database";
    public const string Features = "--features";
    public const string Migratable = "--migratable";
    public const string Host = "--host";
    public const string Error = "--error";
    public const string Output = "--output";
    public const string Arch = "--arch";
    public const string Force = "--force";
    public const string InputFormat = "--input-format";
    public const string Root = "--root";
    public const string Driver = "--driver";
    public const string Fleet = "--fleet";
    public const string By = "--by";
    public const string Labels = "--labels";
    public const string KeepGoing = "--keep-going";

    public const string CrossVendor = "--cross-vendor";
    public const string OutputDir = "--output-dir";
    public const string Guests = "--guests";
    public const string Junit = "--junit";
    public const string Add = "--add";
    public const string Remove = "--remove";
    public const string Replace = "--replace";
    public const string ToCpuMap = "--to-cpu-map";
    public const string Pools = "--pools";
    public const string Weights = "--weights";
    public const string For = "--for";
}
