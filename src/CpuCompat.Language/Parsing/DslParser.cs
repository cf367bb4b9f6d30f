using System.Collections.Immutable;
using Antlr4.Runtime;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Language.Diagnostics;
using CpuCompat.Language.Generated;

namespace CpuCompat.Language.Parsing;

/// <summary>
/// Lexes and parses one <c>.ccl</c> text with the generated ANTLR parser. Never throws on any input: every
/// problem becomes a diagnostic, and error recovery still yields a tree the builder can salvage.
/// </summary>
public static class DslParser
{
    // Token kinds the parsing layer needs (the generated constants stay behind this file).
    internal const int NameToken = CpuCompatLexer.NAME;
    internal const int NotToken = CpuCompatLexer.NOT;
    internal const int OpenParenToken = CpuCompatLexer.LPAREN;
    internal const int CloseParenToken = CpuCompatLexer.RPAREN;
    internal const int SemicolonToken = CpuCompatLexer.SEMI;

    public static ParsedFile Parse(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var listener = new SyntaxErrorListener(fileName, diagnostics);

        var lexer = new CpuCompatLexer(CharStreams.fromString(text), TextWriter.Null, TextWriter.Null);
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(listener);
        var tokens = new CommonTokenStream(lexer);
        try
        {
            tokens.Fill();
        }
        catch (TooManySyntaxErrors)
        {
            return GivenUp(fileName, diagnostics);
        }

        if (NestingGuard.FindTooDeep(tokens.GetTokens()) is { } deep)
        {
            // Parsing this would recurse past the stack; keep the lexer's findings and an empty tree.
            diagnostics.Add(SyntaxDiagnostics.TooDeep(new SourceSpan(fileName, deep.Line, deep.Column + 1), NestingGuard.Limit));
            tokens = new CommonTokenStream(new CpuCompatLexer(CharStreams.fromString(""), TextWriter.Null, TextWriter.Null));
        }

        var parser = new CpuCompatParser(tokens, TextWriter.Null, TextWriter.Null)
        {
            ErrorHandler = new FriendlyErrorStrategy(),
        };
        parser.RemoveErrorListeners();
        parser.AddErrorListener(listener);
        CpuCompatParser.FileContext tree;
        try
        {
            tree = parser.file();
        }
        catch (TooManySyntaxErrors)
        {
            return GivenUp(fileName, diagnostics);
        }

        // The lexer reports while the stream fills, the parser afterwards: present both in source order.
        var ordered = diagnostics.Items.OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToImmutableArray();
        var blank = !tokens.GetTokens().Any(t => t.Type != TokenConstants.EOF && t.Channel == TokenConstants.DefaultChannel);
        return new ParsedFile(fileName, tree, ordered, blank);
    }

    /// <summary>A file abandoned after too many errors: its diagnostics so far, and an empty tree to build nothing from.</summary>
    private static ParsedFile GivenUp(string fileName, DiagnosticBag diagnostics)
    {
        var last = diagnostics.Items[^1].Span;
        diagnostics.Add(SyntaxDiagnostics.GaveUp(last, SyntaxErrorListener.MaxErrors));
        var empty = new CpuCompatParser(new CommonTokenStream(new CpuCompatLexer(CharStreams.fromString(""), TextWriter.Null, TextWriter.Null)),
            TextWriter.Null, TextWriter.Null).file();
        return new ParsedFile(fileName, empty, diagnostics.Items.OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToImmutableArray());
    }

    internal static bool IsNumber(int type) => type is CpuCompatLexer.NUMBER or CpuCompatLexer.HEX;

    internal static bool IsString(int type) => type is CpuCompatLexer.STRING or CpuCompatLexer.UNTERMINATED_STRING;

    /// <summary>Tokens the grammar's <c>name</c> rule accepts besides the keywords.</summary>
    internal static bool IsNameLike(int type) => type is CpuCompatLexer.NAME or CpuCompatLexer.NUMBER || IsString(type);
}
