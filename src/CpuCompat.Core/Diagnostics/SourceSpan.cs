namespace CpuCompat.Core.Diagnostics;

/// <summary>A place in a source file: 1-based line and column of where a construct starts (and, when known, ends).</summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine = 0, int EndColumn = 0)
{
    /// <summary>A span for input that has no meaningful position (a whole file, or a value built in code).</summary>
    public static SourceSpan None(string file) => new(file, 0, 0);

    public bool HasPosition => Line > 0;

    /// <summary>Formats as <c>file:line:column</c>, or just <c>file</c> when there is no position.</summary>
    public override string ToString() => HasPosition ? $"{File}:{Line}:{Column}" : File;
}
