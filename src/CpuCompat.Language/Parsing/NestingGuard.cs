using Antlr4.Runtime;

namespace CpuCompat.Language.Parsing;

/// <summary>
/// Finds conditions nested so deeply that the recursive-descent parser (and the builder after it) could run out
/// of stack, which would kill the process rather than throw. Real rules nest two or three levels. Measured on a
/// 1 MB thread stack (Debug build, parse + build + bind): 500 nested parentheses pass, 700 overflow, and 500
/// levels of <c>not (</c> pass. The limit of 100 is far above real rules and leaves a five-fold margin.
/// </summary>
internal static class NestingGuard
{
    public const int Limit = 100;

    /// <summary>The first token at which the nesting passes <see cref="Limit"/>, or null.</summary>
    public static IToken? FindTooDeep(IList<IToken> tokens)
    {
        // Each '(' keeps one group frame plus the frames of the 'not's written just before it until its ')'.
        var open = new Stack<int>();
        var depth = 0;
        var pendingNots = 0;
        foreach (var token in tokens)
        {
            switch (token.Type)
            {
                case DslParser.NotToken:
                    pendingNots++;
                    break;
                case DslParser.OpenParenToken:
                    open.Push(pendingNots);
                    depth += 1 + pendingNots;
                    pendingNots = 0;
                    break;
                case DslParser.CloseParenToken:
                    if (open.Count > 0)
                    {
                        depth -= 1 + open.Pop();
                    }

                    pendingNots = 0;
                    break;
                default:
                    pendingNots = 0;
                    break;
            }

            if (depth + pendingNots > Limit)
            {
                return token;
            }
        }

        return null;
    }
}
