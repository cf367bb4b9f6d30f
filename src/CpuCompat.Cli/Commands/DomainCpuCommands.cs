using System.CommandLine;
using System.Text;
using CpuCompat.Cli.Inputs;
using CpuCompat.Cli.Json;
using CpuCompat.Cli.Output;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine;
using CpuCompat.Host.Capabilities;
using CpuCompat.Libvirt.Xml;

using CpuCompat.Host;

namespace CpuCompat.Cli.Commands;

/// <summary>
/// <c>domcapabilities</c>, <c>cpu-models</c>, <c>hypervisor-cpu-baseline</c> and <c>hypervisor-cpu-compare</c>: the
/// hypervisor's view of the host CPU, as KubeVirt's node labeller and virsh users consume it.
/// </summary>
internal static class DomainCpuCommands
{
    private static readonly string[] Emulators = ["/usr/bin/qemu-system-x86_64", "/usr/libexec/qemu-kvm", "/usr/bin/qemu-kvm"];

    public static Command DomCapabilities(CliContext context)
    {
        var (json, inputFormat, host, database) = (CliOptions.Json(), CliOptions.InputFormat(), new HostData(), new DatabaseOptions());
        var command = new Command("domcapabilities", $"""
            Print the CPU part of 'virsh domcapabilities' for this host (or the host whose CPUID --cpuid gives): the
            host-passthrough and maximum modes, the host-model CPU with its model and features, and every custom model
            with whether it is usable and, if not, the features that block it. Pipe it into
            'cpucompat hypervisor-cpu-baseline --features /dev/stdin' as KubeVirt does with virsh.
            {HypervisorCpu.NoQemuNote}
            Example:
              cpucompat domcapabilities | cpucompat hypervisor-cpu-baseline --features /dev/stdin
            """)
        {
            json, inputFormat,
        };
        host.AddTo(command);
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!HypervisorCpu.TryCreate(parse, context, database, inputFormat, host, out var hv))
            {
                return ExitCodes.BadInput;
            }

            var caps = hv.Capabilities;
            var domain = hv.Kvm ? "kvm" : "qemu";
            if (parse.GetValue(json))
            {
                context.Write(JsonText.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("domain", domain);
                    w.WriteString("arch", "x86_64");
                    w.WriteBoolean("host_passthrough", caps.HostPassthrough);
                    w.WriteBoolean("maximum", caps.Maximum);
                    w.WritePropertyName("host_model");
                    if (caps.HostModel is { } model)
                    {
                        CpuJson.WriteCpu(w, model);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }

                    WriteModels(w, caps);
                    w.WriteEndObject();
                }));
                return ExitCodes.Success;
            }

            var emulator = Emulators.FirstOrDefault(File.Exists);
            context.Write(DomainCapabilitiesXmlWriter.FormatDocument(emulator, domain, "x86_64", null, caps, hv.Engine.Database.Generation));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CpuModels(CliContext context)
    {
        var (json, inputFormat, host, database) = (CliOptions.Json(), CliOptions.InputFormat(), new HostData(), new DatabaseOptions());
        var usableOnly = new Option<bool>("--usable") { Description = "List only the models the host can run." };
        var command = new Command("cpu-models", $"""
            List the CPU models of the database with their vendor and whether this host (or the host --cpuid gives)
            can run them; for the others, the features that block them (what 'virsh domcapabilities' shows).
            {HypervisorCpu.NoQemuNote}
            Example:
              cpucompat cpu-models --cpuid host-cpudata.xml --usable
            """)
        {
            json, inputFormat, usableOnly,
        };
        host.AddTo(command);
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!HypervisorCpu.TryCreate(parse, context, database, inputFormat, host, out var hv))
            {
                return ExitCodes.BadInput;
            }

            var models = hv.Capabilities.Models.Where(m => m.Usable || !parse.GetValue(usableOnly)).ToList();
            if (parse.GetValue(json))
            {
                context.Write(JsonText.Write(w =>
                {
                    w.WriteStartObject();
                    WriteModels(w, hv.Capabilities with { Models = [.. models] });
                    w.WriteEndObject();
                }));
                return ExitCodes.Success;
            }

            var text = new StringBuilder($"{"MODEL",-28} {"VENDOR",-8} {"USABLE",-6}  BLOCKING FEATURES\n");
            foreach (var m in models)
            {
                var blockers = m.Blockers.IsDefaultOrEmpty ? "" : TextWrap.Join(m.Blockers, 46);
                text.Append($"{m.Name,-28} {m.Vendor ?? "any",-8} {(m.Usable ? "yes" : "no"),-6}  {blockers}\n");
            }

            var usable = hv.Capabilities.Models.Count(m => m.Usable);
            text.Append($"\n{usable} of {hv.Capabilities.Models.Length} models are usable; host-model: {hv.HostModel?.Model ?? "none"}\n");
            context.Write(text.ToString());
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command HypervisorCpuBaseline(CliContext context)
    {
        var (json, inputFormat, host, database) = (CliOptions.Json(), CliOptions.InputFormat(), new HostData(), new DatabaseOptions());
        var file = new Argument<string>("FILE") { Description = "CPUs to baseline: domain capabilities (their host-model), <cpu> elements, capabilities; - reads standard input." };
        var features = new Option<bool>(CliConstants.Features) { Description = "List every feature of the chosen model, sorted by name." };
        var migratable = new Option<bool>(CliConstants.Migratable) { Description = "Leave out features that block migration." };
        var command = new Command("hypervisor-cpu-baseline", $"""
            Compute the baseline of the given CPUs as 'virsh hypervisor-cpu-baseline' does: like cpu-baseline, but only
            with models the hypervisor on this host can run (blocked features become disabled) and only with features
            it can give a guest.
            {HypervisorCpu.NoQemuNote}
            Example:
              cpucompat domcapabilities | cpucompat hypervisor-cpu-baseline --features -
            """)
        {
            file, features, migratable, json, inputFormat,
        };
        host.AddTo(command);
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!HypervisorCpu.TryCreate(parse, context, database, inputFormat, host, out var hv))
            {
                return ExitCodes.BadInput;
            }

            // libvirt reads these CPUs as host CPUs; a domain capabilities host-model then keeps its required features.
            if (!hv.Inputs.TryReadCpus(parse.GetValue(file)!, CpuXmlType.Host, out var cpus))
            {
                return ExitCodes.BadInput;
            }

            var x86 = hv.Engine.X86!;
            var offered = x86.EffectiveFeatures(Core.Engine.X86.X86Input.FromData(x86.Database, hv.Data));
            var migratableOnly = parse.GetValue(migratable);
            var filter = x86.Database.NamesOf(migratableOnly ? offered.Except(x86.Database.NonMigratable) : offered);
            var result = hv.Engine.Baseline(cpus, DomainCpuBuilder.AllowedModels(hv.Capabilities), filter, migratableOnly, parse.GetValue(features));
            if (!result.Succeeded)
            {
                return context.Fail(result.Error);
            }

            context.Write(parse.GetValue(json) ? CpuJson.Cpu(result.Value) : CpuXmlWriter.Format(result.Value, hv.Engine.Database.Generation));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command HypervisorCpuCompare(CliContext context)
    {
        var (json, inputFormat, host, database) = (CliOptions.Json(), CliOptions.InputFormat(), new HostData(), new DatabaseOptions());
        var file = new Argument<string>("FILE") { Description = "The CPU to check: a <cpu>, a domain, or domain capabilities (their host-model)." };
        var error = new Option<bool>(CliConstants.Error) { Description = "Report incompatibility as an error on stderr, with the reason." };
        var command = new Command("hypervisor-cpu-compare", $"""
            Compare a CPU with the CPU the hypervisor on this host can provide (its host-model), as
            'virsh hypervisor-cpu-compare' does. Exit code: 0 identical or superset, 1 incompatible, 2 bad input.
            {HypervisorCpu.NoQemuNote}
            Example:
              cpucompat hypervisor-cpu-compare guest.xml --cpuid host-cpudata.xml
            """)
        {
            file, error, json, inputFormat,
        };
        host.AddTo(command);
        database.AddTo(command);
        command.SetAction(parse =>
        {
            if (!HypervisorCpu.TryCreate(parse, context, database, inputFormat, host, out var hv))
            {
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(file)!;
            if (!hv.Inputs.TryReadCpu(path, CpuXmlType.Auto, out var cpu))
            {
                return ExitCodes.BadInput;
            }

            if (hv.HostModel is not { } hostModel)
            {
                return context.Fail("the hypervisor offers no host-model CPU on this host");
            }

            var compared = hv.Engine.Compare(hostModel, cpu, parse.GetValue(error));
            if (!compared.Succeeded)
            {
                return context.Fail(compared.Error);
            }

            var outcome = compared.Value;
            if (parse.GetValue(json))
            {
                context.Write(CpuJson.Compare(outcome));
            }
            else
            {
                var name = CliContext.DisplayName(path);
                context.Write(outcome.Result switch
                {
                    CompareResult.Identical => $"CPU described in {name} is identical to the CPU provided by hypervisor on the host\n",
                    CompareResult.Superset => $"The CPU provided by hypervisor on the host is a superset of CPU described in {name}\n",
                    _ => $"CPU described in {name} is incompatible with the CPU provided by hypervisor on the host\n{outcome.Message}\n",
                });
            }

            return outcome.Result == CompareResult.Incompatible ? ExitCodes.Incompatible : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteModels(System.Text.Json.Utf8JsonWriter w, DomainCpuCapabilities caps)
    {
        w.WriteStartArray("models");
        foreach (var m in caps.Models)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteStringOrNull("vendor", m.Vendor);
            w.WriteBoolean("usable", m.Usable);
            w.WriteStringOrNull("canonical", m.Canonical);
            w.WriteStrings("blockers", m.Blockers.IsDefault ? [] : m.Blockers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
