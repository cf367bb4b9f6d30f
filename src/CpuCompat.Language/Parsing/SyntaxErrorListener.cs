using Antlr4.Runtime;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;

namespace CpuCompat.Language.Parsing;

/// <summary>
/// Turns lexer and parser errors into diagnostics with 1-based columns (ANTLR counts columns from 0).
/// Parser messages arrive already worded by <see cref="FriendlyErrorStrategy"/>.
/// </summary>
internal sealed class SyntaxErrorListener(string fileName, DiagnosticBag diagnostics) : IAntlrErrorListener<int>, IAntlrErrorListener<IToken>
{
    /// <summary>Lexer: a character that starts no token. The lexer skips it and goes on.</summary>
    public void SyntaxError(TextWriter output, IRecognizer recognizer, int offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e)
    {
        var character = "";
        if (recognizer is Lexer { InputStream: ICharStream input } && e is LexerNoViableAltException lexerError && lexerError.StartIndex >= 0
            && lexerError.StartIndex < input.Size)
        {
            character = input.GetText(Antlr4.Runtime.Misc.Interval.Of(lexerError.StartIndex, lexerError.StartIndex));
        }

        diagnostics.Add(SyntaxDiagnostics.BadCharacter(Span(line, charPositionInLine), TokenDisplay.Quote(character)));
    }

    /// <summary>Parser: the message was worded by <see cref="FriendlyErrorStrategy"/>.</summary>
    public void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e) =>
        diagnostics.Add(new Diagnostic(Span(line, charPositionInLine), DiagnosticSeverity.Error, SyntaxCodes.SyntaxError, msg + "."));

    private SourceSpan Span(int line, int charPositionInLine) => new(fileName, line, charPositionInLine + 1);
}
