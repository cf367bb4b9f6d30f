using System.CommandLine;
using CpuCompat.Integrations;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// <c>--for nova|kubevirt|proxmox</c> of the pool commands (repeatable): each pool's baseline as that system's
/// configuration, the files <c>--output-dir</c> writes for them, and the pools a system cannot take, named on stderr.
/// </summary>
internal sealed class SystemsOption
{
    public Option<string[]> Option { get; } = new(CliConstants.For)
    {
        Description = "Give each pool's baseline as SYSTEM takes a guest CPU: nova (the [libvirt] section of nova.conf), kubevirt (a VM's spec.domain.cpu in YAML), "
            + "proxmox (a custom model of cpu-models.conf). Printed instead of the report; with --output-dir also DIR/<pool>.nova.conf, .kubevirt.yaml, .proxmox.conf; "
            + "with --json in each pool's nova, kubevirt, proxmox. A pool the system cannot express exactly is named on stderr (exit 1).",
        HelpName = "SYSTEM",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public SystemsOption() => Option.AcceptOnlyFromAmong([.. TargetSystems.Names]);

    /// <summary>The systems asked for, each once, in the order given.</summary>
    public IReadOnlyList<TargetSystem> Systems(ParseResult parse) =>
        [.. (parse.GetValue(Option) ?? []).Select(n => TargetSystems.Parse(n)!.Value).Distinct()];

    /// <summary>The snippet files for <c>--output-dir</c>: <c>&lt;pool&gt;.nova.conf</c> and the like, for every snippet there is.</summary>
    public static IEnumerable<(string FileName, string Text)> Files(IEnumerable<PoolSnippet> snippets) =>
        snippets.Where(s => s.Snippet.Succeeded).Select(s => (OutputFiles.SafeName(s.Pool) + s.System.FileSuffix(), s.Snippet.Value.Text));

    /// <summary>Names every pool a system cannot take on stderr, one line each; true when there is none.</summary>
    public static bool ReportFailures(CliContext context, IEnumerable<PoolSnippet> snippets)
    {
        var ok = true;
        foreach (var failed in snippets.Where(s => !s.Snippet.Succeeded))
        {
            context.Err.WriteLine($"cpucompat: {context.Printable(failed.Snippet.Error!.Message)}");
            ok = false;
        }

        return ok;
    }
}
