namespace CpuCompat.Fleets;

/// <summary>
/// A host of a fleet: its name, the index of its CPU among the fleet's distinct CPUs (<see cref="Fleet.Kinds"/>), its
/// labels, and the line (or 0) of the input it came from.
/// </summary>
public readonly record struct FleetHost(string Name, int Kind, HostLabels Labels, int Line);
