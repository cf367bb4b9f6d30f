using CpuCompat.Core.Cpu;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database.Rules;

/// <summary>What a rule condition can look at: the detected vendor, the CPU signature and the features present.</summary>
public readonly record struct RuleFacts(int? VendorId, bool HasSignature, uint Family, uint Model, uint Stepping, FeatureSet Features);
