using System.CommandLine;
using CpuCompat.Cli.Infrastructure;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Output;
using CpuCompat.Output.Html;
using CpuCompat.Output.Json;
using CpuCompat.Output.Text;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat check [POLICY...] --fleet FLEET [--by LABEL] [--guests DIR] [--junit FILE] [--json FILE]</c>: CI checks of pools.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var fleet = new FleetOptions();
        var guests = new Option<string?>(CliConstants.Guests) { Description = "A directory of guest definitions (libvirt <domain> or <cpu> .xml files). Without check statements, every guest must run on every pool.", HelpName = "DIR" };
        var junit = new Option<string?>(CliConstants.Junit) { Description = "Write a JUnit report: a <testsuite> per pool, a <testcase classname=POOL name=FILE> per guest or check.", HelpName = "FILE" };
        var json = new Option<string?>(CliOptions.JsonName) { Description = "Write the verdicts as JSON (schema 'check') to FILE.", HelpName = "FILE" };
        var html = CliOptions.Html();
        var force = OutputFiles.Force();
        var models = new Option<string?>(CliConstants.Models) { Description = "QEMU's model list (a query-cpu-definitions reply), for 'baseline not deprecated' checks.", HelpName = "FILE" };
        var command = new Command("check", """
            Evaluate the policy's check statements over the fleet's pools, for CI: guests of a directory run on a pool,
            a pool's baseline is at least a model, no host of a pool exposes a feature. With --guests and no check
            statements, every guest must run on every pool. A guest runs on a host exactly when libvirt's cpu-compare of
            the guest with the host says identical or superset. Exit code: 0 all pass, 1 any fails, 2 bad input.

            Example:
              cpucompat check --fleet data/examples/fleet.jsonl --by cluster --guests data/examples/guests
            """)
        {
            guests, junit, json, html, models, force,
        };
        fleet.AddTo(command);
        command.SetAction(parse =>
        {
            if (!fleet.TryOpen(parse, context, out var compat) || !fleet.TryRead(parse, context, compat, out var hosts))
            {
                return ExitCodes.BadInput;
            }

            AllowedModels? qemuModels = null;
            if (parse.GetValue(models) is { } modelsPath
                && (!context.TryReadText(modelsPath, out var modelsText) || !context.TryGet(compat.Reader.ReadModels(modelsText, CliContext.DisplayName(modelsPath)), out qemuModels)))
            {
                return ExitCodes.BadInput;
            }

            var guestsDir = parse.GetValue(guests);
            if (guestsDir is not null && !context.IsDirectory(guestsDir, CliConstants.Guests))
            {
                return ExitCodes.BadInput;
            }

            var pools = compat.PoolBaselines(hosts, parse.GetValue(fleet.By), parse.GetValue(fleet.CrossVendor));
            var results = compat.Check(hosts, pools, guestsDir, qemuModels);
            if (results.IsEmpty && !compat.Database.Architectures.Any(a => !a.Checks.IsEmpty))
            {
                return context.Fail($"nothing to check: give {CliConstants.Guests} DIR, or a policy file with check statements");
            }

            var names = pools.Select(p => p.Pool.Name).ToList();
            var files = new List<(string Path, string Text)>();
            if (parse.GetValue(junit) is { } junitPath)
            {
                files.Add((junitPath, JunitXml.Format(names, results)));
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                files.Add((jsonPath, CheckJson.Format(names, results)));
            }

            if (parse.GetValue(html) is { } page)
            {
                files.Add((page, FleetReport.Check(compat.Engine, hosts, pools, results)));
            }

            if (files.Count > 0 && !OutputFiles.TryWriteAll(context, files, parse.GetValue(force)))
            {
                return ExitCodes.BadInput;
            }

            context.Write(CheckText.Format(names, results));
            return results.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.Incompatible;
        });
        return command;
    }
}
