using Antlr4.Runtime;

namespace CpuCompat.Language.Parsing;

/// <summary>
/// ANTLR's default recovery (single-token insertion and deletion, then resynchronisation) with messages for
/// people: "unexpected 'x'; expected ';'" instead of "mismatched input 'x' expecting ';'", and a missing token
/// reported right after the token it should follow rather than at the start of the next line.
/// </summary>
internal sealed class FriendlyErrorStrategy : DefaultErrorStrategy
{
    protected override void ReportNoViableAlternative(Parser recognizer, NoViableAltException e) =>
        ReportUnexpected(recognizer, e.OffendingToken, e);

    protected override void ReportInputMismatch(Parser recognizer, InputMismatchException e) =>
        ReportUnexpected(recognizer, e.OffendingToken, e);

    protected override void ReportFailedPredicate(Parser recognizer, FailedPredicateException e) =>
        ReportUnexpected(recognizer, e.OffendingToken, e);

    protected override void ReportUnwantedToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        ReportUnexpected(recognizer, recognizer.CurrentToken, null);
    }

    protected override void ReportMissingToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        var current = recognizer.CurrentToken;
        var expected = TokenDisplay.Expected(GetExpectedTokens(recognizer), recognizer.Vocabulary);
        var previous = ((ITokenStream)recognizer.InputStream).LT(-1);
        if (previous is null)
        {
            recognizer.NotifyErrorListeners(current, $"missing {expected} before {TokenDisplay.Found(current)}", null);
            return;
        }

        recognizer.NotifyErrorListeners(After(previous), $"missing {expected} after {TokenDisplay.Found(previous)}", null);
    }

    /// <summary>A position just after a token. Tokens never span lines (strings stop at the line end).</summary>
    private static CommonToken After(IToken token) => new(token)
    {
        Column = token.Column + (token.StopIndex - token.StartIndex + 1),
    };

    private void ReportUnexpected(Parser recognizer, IToken offending, RecognitionException? e)
    {
        var set = e?.GetExpectedTokens() ?? GetExpectedTokens(recognizer);

        // The most common slip: a statement's ';' forgotten at the end of a line. ANTLR only sees the next
        // line's first token as unexpected; saying what is missing where it belongs is more useful.
        var previous = ((ITokenStream)recognizer.InputStream).LT(-1);
        if (set.Contains(DslParser.SemicolonToken) && offending.TokenIndex == recognizer.CurrentToken.TokenIndex
            && previous is not null && previous.Line < offending.Line)
        {
            recognizer.NotifyErrorListeners(After(previous), $"missing ';' after {TokenDisplay.Found(previous)}", e);
            return;
        }

        var expected = TokenDisplay.Expected(set, recognizer.Vocabulary);
        recognizer.NotifyErrorListeners(offending, $"unexpected {TokenDisplay.Found(offending)}; expected {expected}", e);
    }
}
