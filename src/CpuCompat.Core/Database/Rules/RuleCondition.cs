using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Database.Rules;

/// <summary>
/// A compiled rule condition: names are already resolved to ids and feature masks, so evaluation is
/// integer comparisons and bitset tests. The names are kept for printing and for re-binding a rule onto
/// another map (a libvirt cpu_map loaded at run time gets the built-in quirks).
/// </summary>
public abstract record RuleCondition
{
    public abstract bool Evaluate(in RuleFacts facts);

    /// <summary>The condition in DSL syntax.</summary>
    public abstract override string ToString();

    internal static string FieldName(SignatureField field) => field switch
    {
        SignatureField.Family => "family",
        SignatureField.Model => "model",
        _ => "stepping",
    };
}

public sealed record AllOfCondition(ImmutableArray<RuleCondition> Operands) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts)
    {
        foreach (var c in Operands)
        {
            if (!c.Evaluate(facts))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => "(" + string.Join(" and ", Operands) + ")";
}

public sealed record AnyOfCondition(ImmutableArray<RuleCondition> Operands) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts)
    {
        foreach (var c in Operands)
        {
            if (c.Evaluate(facts))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => "(" + string.Join(" or ", Operands) + ")";
}

public sealed record NotRuleCondition(RuleCondition Operand) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts) => !Operand.Evaluate(facts);

    public override string ToString() => $"not {Operand}";
}

public sealed record VendorIsCondition(int VendorId, string VendorName) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts) => facts.VendorId == VendorId;

    public override string ToString() => $"vendor {VendorName}";
}

/// <summary>A comparison of a signature field with a number; false when the CPU has no signature.</summary>
public sealed record FieldCompareCondition(SignatureField Field, CompareOperator Operator, uint Value) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts)
    {
        if (!facts.HasSignature)
        {
            return false;
        }

        var actual = FieldValue(facts, Field);
        return Operator switch
        {
            CompareOperator.Equal => actual == Value,
            CompareOperator.NotEqual => actual != Value,
            CompareOperator.Less => actual < Value,
            CompareOperator.LessOrEqual => actual <= Value,
            CompareOperator.Greater => actual > Value,
            _ => actual >= Value,
        };
    }

    public override string ToString()
    {
        var op = Operator switch
        {
            CompareOperator.Equal => "=",
            CompareOperator.NotEqual => "!=",
            CompareOperator.Less => "<",
            CompareOperator.LessOrEqual => "<=",
            CompareOperator.Greater => ">",
            _ => ">=",
        };
        return $"{FieldName(Field)} {op} {Value}";
    }

    internal static uint FieldValue(in RuleFacts facts, SignatureField field) => field switch
    {
        SignatureField.Family => facts.Family,
        SignatureField.Model => facts.Model,
        _ => facts.Stepping,
    };
}

public sealed record FieldInCondition(SignatureField Field, ImmutableArray<uint> Values) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts) =>
        facts.HasSignature && Values.Contains(FieldCompareCondition.FieldValue(facts, Field));

    public override string ToString() => $"{FieldName(Field)} in {{{string.Join(", ", Values)}}}";
}

/// <summary>All features of <see cref="Mask"/> are present.</summary>
public sealed record HasFeaturesCondition(FeatureSet Mask, ImmutableArray<string> FeatureNames) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts) => Mask.IsSubsetOf(facts.Features);

    public override string ToString() => "has " + string.Join(", ", FeatureNames);
}

/// <summary>The CPU has every feature of a model (<c>runs MODEL</c>): the model is usable on it.</summary>
public sealed record RunsModelCondition(FeatureSet ModelFeatures, string ModelName) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts) => ModelFeatures.IsSubsetOf(facts.Features);

    public override string ToString() => $"runs {ModelName}";
}

/// <summary>A host label has a value (<c>cluster = "east"</c>); false outside a fleet or for a host without the label.</summary>
public sealed record LabelIsCondition(string Label, string Value) : RuleCondition
{
    public override bool Evaluate(in RuleFacts facts) =>
        facts.Labels is { } labels && labels.TryGetValue(Label, out var value) && value == Value;

    public override string ToString() => $"{Label} = \"{Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
