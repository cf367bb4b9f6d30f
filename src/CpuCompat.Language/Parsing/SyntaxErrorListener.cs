using Antlr4.Runtime;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Parsing;

/// <summary>
/// Turns lexer and parser errors into diagnostics with 1-based columns (ANTLR counts columns from 0).
/// Parser messages arrive already worded by <see cref="FriendlyErrorStrategy"/>. After <see cref="MaxErrors"/> errors
/// the file is given up (<see cref="TooManySyntaxErrors"/>): garbage would otherwise cost a diagnostic per byte.
/// </summary>
internal sealed class SyntaxErrorListener(string fileName, DiagnosticBag diagnostics) : IAntlrErrorListener<int>, IAntlrErrorListener<IToken>
{
    public const int MaxErrors = 1000;

    /// <summary>Lexer: a character that starts no token. The lexer skips it and goes on.</summary>
    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e)
    {
        var character = "";
        if (recognizer is Lexer { InputStream: ICharStream input } && e is LexerNoViableAltException lexerError && lexerError.StartIndex >= 0
            && lexerError.StartIndex < input.Size)
        {
            character = input.GetText(Antlr4.Runtime.Misc.Interval.Of(lexerError.StartIndex, lexerError.StartIndex));
        }

        Add(SyntaxDiagnostics.BadCharacter(Span(line, charPositionInLine), TokenDisplay.Quote(character)));
    }

    /// <summary>Parser: the message was worded by <see cref="FriendlyErrorStrategy"/>.</summary>
    public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e) =>
        Add(new Diagnostic(Span(line, charPositionInLine), DiagnosticSeverity.Error, SyntaxCodes.SyntaxError, msg + "."));

    private void Add(Diagnostic diagnostic)
    {
        diagnostics.Add(diagnostic);
        if (diagnostics.Count >= MaxErrors)
        {
            throw new TooManySyntaxErrors();
        }
    }

    private SourceSpan Span(int line, int charPositionInLine) => new(fileName, line, charPositionInLine + 1);
}

/// <summary>Stops lexing and parsing a file that has shown enough errors to be no DSL at all.</summary>
internal sealed class TooManySyntaxErrors : Exception;
