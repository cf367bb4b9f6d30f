using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core.Declarations;

/// <summary>
/// A vendor quirk applied to CPUID data before a model is chosen: when the condition holds, the listed
/// features are dropped (libvirt's broken-TSX filter is one).
/// </summary>
public sealed record RuleDeclaration(ArchFamily Arch, NameRef Name, ConditionSyntax Condition, ImmutableArray<NameRef> Drop, SourceSpan Span)
    : ArchDeclaration(Arch, Span);

/// <summary>A condition over the CPU's vendor, signature and features.</summary>
public abstract record ConditionSyntax(SourceSpan Span);

public sealed record AndCondition(ImmutableArray<ConditionSyntax> Operands, SourceSpan Span) : ConditionSyntax(Span);

public sealed record OrCondition(ImmutableArray<ConditionSyntax> Operands, SourceSpan Span) : ConditionSyntax(Span);

public sealed record NotCondition(ConditionSyntax Operand, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>vendor Intel</c></summary>
public sealed record VendorCondition(NameRef Vendor, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>stepping &lt; 4</c>, <c>model 63</c> (equality)</summary>
public sealed record CompareCondition(SignatureField Field, CompareOperator Operator, uint Value, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>model in {60, 69, 70}</c></summary>
public sealed record InCondition(SignatureField Field, ImmutableArray<uint> Values, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>has avx512f, avx512vl</c>: all listed features are present.</summary>
public sealed record HasCondition(ImmutableArray<NameRef> Features, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>runs Skylake-Server</c> (pool selectors): the host has every feature of the model.</summary>
public sealed record RunsCondition(NameRef Model, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>cluster = "east"</c>, <c>rack != "r1"</c> (pool selectors): a host's label has (or has not) this value.</summary>
public sealed record LabelCondition(NameRef Label, string Value, bool Negated, SourceSpan Span) : ConditionSyntax(Span);
