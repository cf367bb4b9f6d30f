namespace CpuCompat.Core.Diagnostics;

/// <summary>
/// One problem found in user input: where it is, how bad it is, a stable code (<c>CC</c> + 4 digits)
/// and a whole-sentence message that says what to do.
/// </summary>
public sealed record Diagnostic(SourceSpan Span, DiagnosticSeverity Severity, string Code, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// The one-line form printed by the command line: <c>file:line:column: error CC2001: message</c>. Input quoted in
    /// the message or a strange file name is escaped here, once for every diagnostic, so none can break the line.
    /// </summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return Printable.Escape($"{Span}: {severity} {Code}: {Message}");
    }
}
