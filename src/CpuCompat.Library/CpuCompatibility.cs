using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Formats.Detection;
using CpuCompat.Inputs;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Loading;
using CpuCompat.Output.Json;

namespace CpuCompat;

/// <summary>
/// The entry point of the CpuCompat library: one database (built-in, a libvirt cpu_map, or CpuCompat DSL) and
/// libvirt's answers over it — the host CPU and host-model guest CPU of raw CPUID data, the baseline of several
/// CPUs, whether a guest runs on a host, and the CPU a guest really gets when it starts. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Operations never throw for bad input: they return an <see cref="Outcome{T}"/> whose error says what was wrong and,
/// for input text, where. Reading the <see cref="Outcome{T}.Value"/> of a failed outcome throws.
/// </remarks>
public sealed partial class CpuCompatibility
{
    private CpuCompatibility(CpuDatabase database)
    {
        Engine = new CpuEngine(database);
        Reader = new CpuReader(Engine);
    }

    /// <summary>The compiled database the answers come from.</summary>
    public CpuDatabase Database => Engine.Database;

    /// <summary>The engine behind every operation, for the questions this class does not wrap.</summary>
    public CpuEngine Engine { get; }

    /// <summary>Reads CPU inputs of every supported format, detecting the format from the content.</summary>
    public CpuReader Reader { get; }

    /// <summary>The built-in database: libvirt 11.3.0's CPU models and CpuCompat's rules.</summary>
    public static CpuCompatibility OpenBuiltIn() => new(DatabaseLoader.Load(DatabaseSource.BuiltIn).Value);

    /// <summary>A database from <paramref name="source"/>, e.g. <see cref="DatabaseSource.CpuMap"/> of <c>/usr/share/libvirt/cpu_map</c>.</summary>
    public static Outcome<CpuCompatibility> Open(DatabaseSource source) => DatabaseLoader.Load(source).Select(db => new CpuCompatibility(db));

    /// <summary>An already compiled database.</summary>
    public static CpuCompatibility Over(CpuDatabase database) => new(database);

    /// <summary>
    /// Every CPU of an input text: libvirt <c>&lt;cpu&gt;</c> elements, domains, capabilities, domain capabilities, or
    /// raw CPUID data (dumps, <c>&lt;cpudata&gt;</c>, <c>/proc/cpuinfo</c>, QMP), which is decoded into the host CPU
    /// libvirt reports. <paramref name="name"/> is what errors call the input.
    /// </summary>
    public Outcome<ImmutableArray<CpuDefinition>> ReadCpus(string text, string name) => Reader.ReadCpus(text, name).Outcome;

    /// <summary>Raw CPUID/MSR data of an input text in any supported raw format.</summary>
    public Outcome<CpuData> ReadCpuData(string text, string name) => Reader.ReadCpuData(text, name).Outcome.Select(raw => raw.Data);

    /// <summary>
    /// The CPU libvirt decodes from raw data: the host CPU of <c>virsh capabilities</c>, or with
    /// <paramref name="guest"/> the CPU a host-model guest gets (only among <paramref name="models"/> when given).
    /// </summary>
    public Outcome<CpuDefinition> HostModel(CpuData data, bool guest = false, AllowedModels? models = null) =>
        guest ? Engine.DecodeGuest(data, models) : Engine.DecodeHost(data);

    /// <summary>
    /// <c>virsh cpu-baseline</c>: the most capable guest CPU that runs on, and migrates between, all of
    /// <paramref name="cpus"/>. <paramref name="expandFeatures"/> lists every feature of the model (<c>--features</c>),
    /// <paramref name="migratable"/> leaves out the features that block migration.
    /// </summary>
    public Outcome<CpuDefinition> Baseline(IReadOnlyList<CpuDefinition> cpus, bool expandFeatures = false, bool migratable = false) =>
        Engine.Baseline(cpus, migratable: migratable, expandFeatures: expandFeatures);

    /// <summary>
    /// <see cref="Baseline(IReadOnlyList{CpuDefinition}, bool, bool)"/> of CPUs read from files: an error about one of
    /// them names the file and line it came from.
    /// </summary>
    public Outcome<CpuDefinition> Baseline(DistinctCpus cpus, bool expandFeatures = false, bool migratable = false) =>
        Baseline(cpus.Cpus, expandFeatures, migratable).NamingInputs(cpus.Origins);

    /// <summary><c>virsh cpu-compare</c>: is <paramref name="cpu"/> identical to, a subset of, or incompatible with <paramref name="host"/>?</summary>
    public Outcome<CompareOutcome> Compare(CpuDefinition host, CpuDefinition cpu) => Engine.Compare(host, cpu);

    /// <summary>
    /// The CPU a guest really gets when libvirt starts it on <paramref name="host"/> (forbidden features, the
    /// compatibility check, host-model and minimum-match resolution, translation to one of <paramref name="models"/>);
    /// an <see cref="CpuErrorKind.Incompatible"/> error when it cannot run there.
    /// </summary>
    public Outcome<CpuDefinition> Update(CpuDefinition guest, CpuDefinition host, AllowedModels? models = null) =>
        Engine.StartGuest(guest, host, models);

    /// <summary>A CPU definition as libvirt prints it (<c>&lt;cpu&gt;</c> XML, byte for byte as this database's libvirt).</summary>
    public string ToXml(CpuDefinition cpu) => CpuXmlWriter.Format(cpu, Database.Generation);

    /// <summary>A CPU definition as CpuCompat's versioned JSON (schema <c>cpu</c>).</summary>
    public string ToJson(CpuDefinition cpu) => CpuJson.Document(cpu);

    /// <summary>A reader for inputs of one forced format instead of detection.</summary>
    public CpuReader ReaderFor(InputFormat format) => new(Engine, format);
}
