using System.Diagnostics;
using Antlr4.Runtime;
using CpuCompat.Language.Emit;
using CpuCompat.Language.Generated;
using CpuCompat.Language.Tests.TestSupport;
using CpuCompat.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CpuCompat.Language.Tests;

/// <summary>The generated lexer and parser: up to date with the grammar, and lexing names as the language reference says.</summary>
public class GeneratedParserTests
{
    [Fact]
    public async Task Committed_parser_is_what_the_grammar_generates()
    {
        if (FindOnPath("npx") is null || FindOnPath("bash") is null)
        {
            Assert.Skip("node's npx (or bash) is not installed, so grammar/generate.sh cannot run; install Node.js to check Generated/.");
        }

        using var output = new TempDirectory();
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "grammar", "generate.sh"), output.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        // Measured here: about 5 s when npx must download antlr-ng first, under 3 s from its cache.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Skip("grammar/generate.sh did not finish in 5 minutes (npx downloading antlr-ng without a network?).");
        }

        var log = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            string[] offline = ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ENETUNREACH", "fetch failed", "network"];
            if (offline.Any(o => log.Contains(o, StringComparison.OrdinalIgnoreCase)))
            {
                Assert.Skip("npx could not download antlr-ng@1.0.10 (no network): " + log.Trim());
            }

            Assert.Fail("grammar/generate.sh failed:\n" + log);
        }

        var committed = Path.Combine(RepositoryRoot.Path, "src", "CpuCompat.Language", "Generated");
        Assert.Equal(FileNames(committed), FileNames(output.Path));
        foreach (var name in FileNames(committed))
        {
            Assert.True(
                File.ReadAllText(Path.Combine(committed, name)) == File.ReadAllText(Path.Combine(output.Path, name)),
                $"Generated/{name} differs from what grammar/CpuCompat.g4 generates; run grammar/generate.sh and commit the result.");
        }
    }

    [Theory]
    [InlineData("a->b", "NAME ARROW NAME")]
    [InlineData("avx512bw->avx512f", "NAME ARROW NAME")]
    [InlineData("0-4", "NUMBER MINUS NUMBER")]
    [InlineData("6:85[0-4]", "NUMBER COLON NUMBER LBRACK NUMBER MINUS NUMBER RBRACK")]
    [InlineData("0x1a 0X1F", "HEX HEX")]
    [InlineData("486 486-v1 3dnowext", "NUMBER NAME NAME")]
    [InlineData("sse4.1;", "NAME SEMI")]
    [InlineData("POWER7+_v2.1 POWER7+", "NAME NAME")]
    [InlineData("vmx-ept -hle +avx2", "NAME MINUS NAME PLUS NAME")]
    [InlineData("cpuid(0x1).ecx[0]", "CPUID LPAREN HEX RPAREN DOT NAME LBRACK NUMBER RBRACK")]
    [InlineData("model models modelx", "MODEL NAME NAME")]
    [InlineData("stepping<4 family!=6 model>=60", "STEPPING LT NUMBER FAMILY NEQ NUMBER MODEL GE NUMBER")]
    [InlineData("\"a\\\"b\" \"open", "STRING UNTERMINATED_STRING")]
    [InlineData("x # comment ; model\ny", "NAME NAME")]
    public void Lexer_splits_text_as_the_language_reference_says(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" ", Tokens(text).Select(t => CpuCompatLexer.DefaultVocabulary.GetSymbolicName(t.Type))));
    }

    public static Arbitrary<string> NameLikeStrings() => Arb.From(
        Gen.NonEmptyListOf(Gen.Elements("a", "Z", "_", "0", "7", "x", ".", "+", "-", " ", "\"", "\\", ":", "model", "alias", "0x1"))
            .Select(parts => string.Concat(parts)));

    [Property(Arbitrary = [typeof(GeneratedParserTests)], MaxTest = 500)]
    public void Writer_writes_a_name_bare_exactly_when_the_lexer_reads_it_as_one_name_token(string name)
    {
        var tokens = Tokens(name);
        var oneNameToken = tokens.Count == 1 && tokens[0].Text == name
            && (tokens[0].Type is CpuCompatLexer.NAME or CpuCompatLexer.NUMBER || char.IsAsciiLetterLower(name[0]) && tokens[0].Type < CpuCompatLexer.SEMI);

        Assert.Equal(oneNameToken, DslText.Name(name) == name);
    }

    private static List<IToken> Tokens(string text)
    {
        var lexer = new CpuCompatLexer(CharStreams.fromString(text), TextWriter.Null, TextWriter.Null);
        lexer.RemoveErrorListeners();
        return [.. lexer.GetAllTokens()];
    }

    private static string[] FileNames(string directory) =>
        [.. Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
