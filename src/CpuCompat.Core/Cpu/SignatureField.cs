namespace CpuCompat.Core.Cpu;

/// <summary>A field of the CPU signature (leaf 1 EAX) that rule conditions compare.</summary>
public enum SignatureField
{
    Family,
    Model,
    Stepping,
}

/// <summary>How a rule condition compares a signature field with a number.</summary>
public enum CompareOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
