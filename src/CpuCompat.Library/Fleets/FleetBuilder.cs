using System.Collections.Immutable;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using CpuCompat.Core.Cpu;
using CpuCompat.Inputs;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Fleets;

/// <summary>
/// Collects the hosts of a fleet as a reader finds them. A host's CPU text is grouped by its XxHash128 (and its
/// bytes, so that grouping is exact) before anything is parsed: a CPU seen before costs one hash and one comparison,
/// a new one is read and decoded once; a CPU that cannot be read is remembered with its error, which every host with
/// the same text then gets. Label sets are shared between hosts with the same labels.
/// </summary>
internal sealed class FleetBuilder(CpuReader reader, string source)
{
    /// <summary>Turns the bytes of a CPU as they are in the input (escaped JSON, a file's bytes) into the text to read.</summary>
    public delegate string TextOf(ReadOnlySpan<byte> content);

    private readonly List<FleetHost> _hosts = [];
    private readonly List<HostKind> _kinds = [];
    private readonly List<FleetProblem> _problems = [];
    private readonly Dictionary<UInt128, int> _kindByHash = [];
    private readonly Dictionary<UInt128, string> _badByHash = [];
    private readonly Dictionary<string, int> _lineByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostLabels> _labelSets = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _scratch = [];

    public string Source => source;

    /// <summary>Notes a host that could not be read at all (a malformed line, a file that cannot be opened).</summary>
    public void Problem(int line, string? host, string reason) => _problems.Add(new FleetProblem(source, line, host, reason));

    /// <summary>
    /// Adds a host. <paramref name="content"/> is its CPU text as it is in the input (the grouping key);
    /// <paramref name="text"/> turns it into the text to parse, called only for a CPU not seen before.
    /// </summary>
    public void Add(string name, ReadOnlySpan<byte> content, TextOf text, IReadOnlyList<KeyValuePair<string, string>> labels, int line) =>
        Add(name, content, text, Intern(labels), line);

    /// <summary>Adds a host whose label set the reader has already shared (see <see cref="Intern"/>).</summary>
    public void Add(string name, ReadOnlySpan<byte> content, TextOf text, HostLabels labels, int line)
    {
        if (name.Length == 0)
        {
            Problem(line, null, "the host has no name");
            return;
        }

        if (_lineByName.TryGetValue(name, out var first))
        {
            Problem(line, name, first > 0 ? $"the host appears twice (first on line {first})" : "the host appears twice");
            return;
        }

        _lineByName.Add(name, line);
        var hash = XxHash128.HashToUInt128(content);
        if (_badByHash.TryGetValue(hash, out var bad))
        {
            Problem(line, name, bad);
            return;
        }

        if (!_kindByHash.TryGetValue(hash, out var kind) || !content.SequenceEqual(_kinds[kind].Content))
        {
            if (!TryRead(name, hash, content, text(content), out kind, out var reason))
            {
                _badByHash.TryAdd(hash, reason);
                Problem(line, name, reason);
                return;
            }
        }

        _hosts.Add(new FleetHost(name, kind, labels, line));
    }

    public Fleet Build() => new(source, [.. _hosts], [.. _kinds], [.. _problems]);

    private bool TryRead(string host, UInt128 hash, ReadOnlySpan<byte> content, string text, out int kind, out string reason)
    {
        kind = -1;
        // Positions are within the CPU's own text ("cpu:3:5"), and the reason names no host: every host with the same
        // text gets it, each under its own name and line.
        var read = reader.Read(text, "cpu", CpuXmlType.Host);
        if (!read.Outcome.TryGetValue(out var input))
        {
            reason = read.Error!.Message;
            return false;
        }

        CpuDefinition cpu;
        if (input.Data is { } data)
        {
            var decoded = reader.Engine.DecodeHost(data);
            if (!decoded.TryGetValue(out cpu!))
            {
                reason = decoded.Error!.Message;
                return false;
            }
        }
        else if (input.Cpus.Length == 1)
        {
            cpu = input.Cpus[0];
        }
        else
        {
            reason = input.Cpus.IsDefaultOrEmpty ? "no CPU definition or CPUID data found" : $"{input.Cpus.Length} CPU definitions: a host has one CPU";
            return false;
        }

        kind = _kinds.Count;
        _kinds.Add(new HostKind(kind, hash, content.ToArray(), host, cpu, input.Data, input.Data is { } raw ? BrandString.Of(raw) : null));
        _kindByHash.TryAdd(hash, kind);
        reason = "";
        return true;
    }

    /// <summary>The shared label set with these pairs (the key is their sorted text; label strings come pooled).</summary>
    public HostLabels Intern(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (labels.Count == 0)
        {
            return HostLabels.Empty;
        }

        _scratch.Clear();
        _scratch.AddRange(labels);
        _scratch.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join("\u0000", _scratch.Select(p => p.Key + "\u0001" + p.Value));
        ref var set = ref CollectionsMarshal.GetValueRefOrAddDefault(_labelSets, key, out var exists);
        if (!exists)
        {
            set = HostLabels.Of(_scratch);
        }

        return set!;
    }
}
