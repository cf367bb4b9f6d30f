using System.CommandLine;
using CpuCompat.Core.Cpu;
using CpuCompat.Host.Cpuid;
using CpuCompat.Host.Machine;
using CpuCompat.Inputs;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// Where a command that asks about "this host" gets the host's CPUID data: a file given with <c>--cpuid</c> (any raw
/// format, so CI can ask about any machine), or this machine's live CPUID and MSRs, read as libvirt reads them.
/// </summary>
internal sealed class HostDataOption
{
    public Option<string?> Cpuid { get; } = new(CliConstants.Cpuid)
    {
        Description = "Use this CPUID data (any raw format: <cpudata>, cpuid -r, AIDA64, libcpuid, /proc/cpuinfo, QMP) instead of this machine's.",
        HelpName = "FILE",
    };

    public void AddTo(Command command) => command.Options.Add(Cpuid);

    /// <summary>True when the data comes from this machine (so /dev/kvm and the rest of the machine also describe it).</summary>
    public bool IsLive(ParseResult parse) => parse.GetValue(Cpuid) is null;

    public bool TryRead(ParseResult parse, CliContext context, CpuReader reader, out CpuData data)
    {
        data = CpuData.Empty;
        if (parse.GetValue(Cpuid) is { } path)
        {
            if (!context.TryReadText(path, out var text) || !context.TryGet(reader.ReadCpuData(text, CliContext.DisplayName(path)), out var raw))
            {
                return false;
            }

            data = raw.Data;
            return true;
        }

        return TryReadLive(context, reader.Engine.Database, out data);
    }

    /// <summary>This machine's CPUID and MSRs, read as libvirt reads them.</summary>
    public static bool TryReadLive(CliContext context, Core.Database.CpuDatabase database, out CpuData data)
    {
        data = CpuData.Empty;
        if (!LiveCpuid.IsSupported)
        {
            context.Fail($"this machine has no CPUID (it is not x86); give the host's data with {CliConstants.Cpuid} FILE");
            return false;
        }

        var env = HostEnvironment.Live();
        data = HostCpuData.Read(env.Cpuid!, new MsrReader(env.Root, env.Kvm, env.NewNotes()), database.X86, database.Generation);
        return true;
    }
}
