using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Language.Emit;

public static partial class DslWriter
{
    private static string Rule(RuleDeclaration r) =>
        $"rule {DslText.Name(r.Name.Name)} when {Condition(r.Condition)} drop {List(r.Drop, nameof(r.Drop))};";

    /// <summary>
    /// Writes a condition so that it parses back to the same tree. Parentheses create no node, so an
    /// <c>and</c>/<c>or</c> inside another <c>and</c>/<c>or</c>/<c>not</c> is always parenthesised: that keeps
    /// nested groups apart (<c>a and (b and c)</c>) and reads clearly even where precedence would allow less.
    /// </summary>
    private static string Condition(ConditionSyntax condition) => Unwrap(condition) switch
    {
        AndCondition and => string.Join(" and ", Operands(and.Operands, "and").Select(Operand)),
        OrCondition or => string.Join(" or ", Operands(or.Operands, "or").Select(Operand)),
        NotCondition not => "not " + Operand(not.Operand),
        VendorCondition vendor => "vendor " + DslText.Name(vendor.Vendor.Name),
        CompareCondition compare => $"{Field(compare.Field)} {Operator(compare.Operator)} {DslText.Decimal(compare.Value)}",
        InCondition @in when !@in.Values.IsDefaultOrEmpty =>
            $"{Field(@in.Field)} in {{{string.Join(", ", @in.Values.Select(DslText.Decimal))}}}",
        HasCondition has => "has " + List(has.Features, "has"),
        RunsCondition runs => "runs " + DslText.Name(runs.Model.Name),
        LabelCondition label => $"{DslText.Name(label.Label.Name)} {(label.Negated ? "!=" : "=")} {DslText.Quote(label.Value)}",
        var other => throw new ArgumentException($"Cannot write the condition {other}.", nameof(condition)),
    };

    private static string Operand(ConditionSyntax operand) =>
        Unwrap(operand) is AndCondition or OrCondition ? "(" + Condition(operand) + ")" : Condition(operand);

    /// <summary>A one-operand <c>and</c>/<c>or</c> is its operand; the parser never builds one.</summary>
    private static ConditionSyntax Unwrap(ConditionSyntax condition)
    {
        while (true)
        {
            switch (condition)
            {
                case AndCondition { Operands.Length: 1 } and: condition = and.Operands[0]; break;
                case OrCondition { Operands.Length: 1 } or: condition = or.Operands[0]; break;
                default: return condition;
            }
        }
    }

    private static System.Collections.Immutable.ImmutableArray<ConditionSyntax> Operands(
        System.Collections.Immutable.ImmutableArray<ConditionSyntax> operands, string what) =>
        operands.IsDefaultOrEmpty ? throw new ArgumentException($"An '{what}' condition needs operands.", nameof(operands)) : operands;

    private static string Field(SignatureField field) => field switch
    {
        SignatureField.Family => "family",
        SignatureField.Model => "model",
        _ => "stepping",
    };

    private static string Operator(CompareOperator op) => op switch
    {
        CompareOperator.Equal => "=",
        CompareOperator.NotEqual => "!=",
        CompareOperator.Less => "<",
        CompareOperator.LessOrEqual => "<=",
        CompareOperator.Greater => ">",
        _ => ">=",
    };
}
