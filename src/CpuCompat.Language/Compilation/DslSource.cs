namespace CpuCompat.Language.Compilation;

/// <summary>One DSL text and the path its diagnostics name.</summary>
public sealed record DslSource(string Path, string Text);
