using System.Collections.Immutable;
using Antlr4.Runtime;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Language.Parsing;

/// <summary>
/// One parsed <c>.ccl</c> file: its parse tree (complete even after errors, thanks to ANTLR's recovery) and the
/// lexer and parser diagnostics, in source order. Feed it to <see cref="Syntax.SyntaxBuilder"/>.
/// </summary>
public sealed class ParsedFile
{
    internal ParsedFile(string fileName, ParserRuleContext tree, ImmutableArray<Diagnostic> diagnostics, bool isBlank = false)
    {
        IsBlank = isBlank;
        FileName = fileName;
        Tree = tree;
        Diagnostics = diagnostics;
    }

    /// <summary>The name every span of this file carries.</summary>
    public string FileName { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The file holds no token at all: it is empty, blank or only comments.</summary>
    public bool IsBlank { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The root of the generated parse tree (its <c>file</c> rule); only <see cref="Syntax.SyntaxBuilder"/> reads it.</summary>
    internal ParserRuleContext Tree { get; }
}
