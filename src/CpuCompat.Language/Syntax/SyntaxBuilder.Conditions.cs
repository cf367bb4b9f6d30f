using Antlr4.Runtime;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Declarations;
using CpuCompat.Language.Diagnostics;
using static CpuCompat.Language.Generated.CpuCompatParser;

namespace CpuCompat.Language.Syntax;

/// <summary>Rules and the conditions of rules and pool selectors.</summary>
public sealed partial class SyntaxBuilder
{
    private void Rule(RuleStatementContext r)
    {
        if (_arch.Require(Span(r.Start), "a rule") is { } arch && Name(r.name()) is { } name && Condition(r.condition()) is { } condition)
        {
            _declarations.Add(new RuleDeclaration(arch, name, condition, [.. Names(r.nameList())], Span(r.Start)));
        }
    }

    private ConditionSyntax? Condition(ConditionContext? c)
    {
        var operands = c?.andCondition().Select(And).ToList() ?? [];
        return operands.Count == 0 || operands.Contains(null) ? null
            : operands.Count == 1 ? operands[0]
            : new OrCondition([.. operands.OfType<ConditionSyntax>()], Span(c!.Start));
    }

    private ConditionSyntax? And(AndConditionContext c)
    {
        var operands = c.notCondition().Select(Not).ToList();
        return operands.Count == 0 || operands.Contains(null) ? null
            : operands.Count == 1 ? operands[0]
            : new AndCondition([.. operands.OfType<ConditionSyntax>()], Span(c.Start));
    }

    private ConditionSyntax? Not(NotConditionContext c) => c switch
    {
        NegatedConditionContext n => Not(n.notCondition()) is { } operand ? new NotCondition(operand, Span(n.Start)) : null,
        PlainConditionContext p => Primary(p.primaryCondition()),
        _ => null,
    };

    private ConditionSyntax? Primary(PrimaryConditionContext? c)
    {
        var span = c is null ? default : Span(c.Start);
        switch (c)
        {
            case GroupTestContext g:
                return Condition(g.condition());
            case VendorTestContext v when Name(v.name()) is { } vendor:
                return new VendorCondition(vendor, span);
            case CompareTestContext t when Field(t.field()) is { } field && Number(t.number()) is { } value:
                return new CompareCondition(field, Operator(t.op), value, span);
            case InTestContext i when Field(i.field()) is { } field:
                var values = i.number().Select(Number).ToList();
                return values.Count == 0 || values.Contains(null) ? null : new InCondition(field, [.. values.OfType<uint>()], span);
            case HasTestContext h:
                var features = Names(h.name());
                return features.Count == 0 ? null : new HasCondition([.. features], span);
            case RunsTestContext r when Name(r.name()) is { } model:
                return new RunsCondition(model, span);
            case LabelTestContext l when Name(l.label) is { } label && Text(l.value) is { } value:
                return new LabelCondition(label, value, l.op.Type == NEQ, span);
            default:
                return null;
        }
    }

    private static SignatureField? Field(FieldContext? field) => field?.Start.Type switch
    {
        FAMILY => SignatureField.Family,
        MODEL => SignatureField.Model,
        STEPPING => SignatureField.Stepping,
        _ => null,
    };

    private static CompareOperator Operator(CompareOperatorContext? op) => op?.Start.Type switch
    {
        NEQ => CompareOperator.NotEqual,
        LT => CompareOperator.Less,
        LE => CompareOperator.LessOrEqual,
        GT => CompareOperator.Greater,
        GE => CompareOperator.GreaterOrEqual,
        _ => CompareOperator.Equal,
    };
}
