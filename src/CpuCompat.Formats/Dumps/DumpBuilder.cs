using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Dumps;

/// <summary>
/// Collects the slots a dump reader finds. Unlike libvirt's <c>&lt;cpudata&gt;</c>, which ORs repeated keys, a dump
/// that lists a key twice with different values is self-contradictory: OR-ing would invent bits no CPU reported, so the
/// first value is kept and the repeat is reported. Identical repeats (AIDA64 prints some sub-leaves twice) are silent.
/// </summary>
internal sealed class DumpBuilder(string fileName, DiagnosticBag diagnostics)
{
    private readonly Dictionary<DataKey, (Registers Registers, SourceSpan Span)> _slots = [];

    public int Count => _slots.Count;

    public bool Contains(DataKey key) => _slots.ContainsKey(key);

    public void Add(DataKey key, Registers registers, int line, int column)
    {
        var span = new SourceSpan(fileName, line, column);
        if (_slots.TryGetValue(key, out var existing))
        {
            if (existing.Registers != registers)
            {
                diagnostics.Add(FormatDiagnostics.ConflictingDuplicate(span, key.ToString(), existing.Span));
            }

            return;
        }

        _slots.Add(key, (registers, span));
    }

    public Core.Cpu.CpuData Build() => Core.Cpu.CpuData.From(_slots.Select(kv => new DataSlot(kv.Key, kv.Value.Registers)));
}
