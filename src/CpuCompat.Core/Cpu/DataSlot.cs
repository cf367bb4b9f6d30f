namespace CpuCompat.Core.Cpu;

/// <summary>One slot of CPU data: a key and its register values (or, for a feature, the bits it occupies).</summary>
public readonly record struct DataSlot(DataKey Key, Registers Registers);
