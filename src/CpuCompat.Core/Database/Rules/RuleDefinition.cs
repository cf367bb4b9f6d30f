using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database.Rules;

/// <summary>A compiled vendor quirk: when <see cref="Condition"/> holds for CPUID data, <see cref="Drop"/> is taken out of it before decoding.</summary>
public sealed record RuleDefinition(string Name, RuleCondition Condition, FeatureSet Drop, SourceSpan Span)
{
    public bool AppliesTo(in RuleFacts facts) => Condition.Evaluate(facts);
}
