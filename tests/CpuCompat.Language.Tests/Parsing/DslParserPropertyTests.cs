using CpuCompat.Language.Compilation;
using CpuCompat.Language.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CpuCompat.Language.Tests.Parsing;

/// <summary>
/// User input never throws: any text, however broken, goes through parsing, building and binding and comes out
/// as diagnostics. Each property runs the whole front end, since a broken tree is what trips up the builder.
/// </summary>
public class DslParserPropertyTests
{
    private static readonly string[] Fragments =
    [
        "arch", "x86_64", "ppc64", "aarch64", "compat", "libvirt", "vendor", "feature", "alias", "nonmigratable", "model",
        "signature", "decode", "host", "guest", "none", "check", "features", "removed", "added", "pvr", "mask", "rule",
        "when", "and", "or", "not", "in", "family", "stepping", "drop", "has", "require", "pool", "forbid", "prefer",
        "allow", "migratable", "cpuid", "msr", ";", "{", "}", "(", ")", "[", "]", ",", ":", "=", "->", "!=", "<", "<=",
        ">", ">=", "+", "-", ".", "eax", "edx", "ebx", "ecx", "0x1", "0xffffffffff", "99999999999", "31", "32", "15", "16",
        "6:85[0-4]", "\"GenuineIntel\"", "\"\"", "\"a\\q\"", "\"open", "sse4.1", "486-v1", "#", "\n", " ", "@", "\t", "!",
    ];

    public static Arbitrary<string> DslLikeText() => Arb.From(
        Gen.ListOf(Gen.Frequency(
            (8, Gen.Elements(Fragments)),
            (2, Gen.Elements(" ", " ", "\n")),
            (1, Gen.Choose(0, 0x2FF).Select(c => ((char)c).ToString()))))
        .Select(parts => string.Join(" ", parts)));

    [Property(MaxTest = 500)]
    public void Front_end_never_throws_on_random_strings(string text) => AssertHandled(text ?? "");

    [Property(Arbitrary = [typeof(DslParserPropertyTests)], MaxTest = 500)]
    public void Front_end_never_throws_on_random_token_soup(string text) => AssertHandled(text);

    [Property(MaxTest = 500)]
    public void Front_end_never_throws_on_mutations_of_valid_text(PositiveInt seed, NonNegativeInt edits)
    {
        var random = new Random(seed.Get);
        var text = Samples.Everything;
        for (var i = 0; i <= edits.Get % 8; i++)
        {
            var at = random.Next(text.Length + 1);
            var length = Math.Min(random.Next(1, 12), text.Length - at);
            text = random.Next(4) switch
            {
                0 => text.Remove(at, length),
                1 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
                2 => text.Insert(at, text.Substring(random.Next(text.Length - length), length)),
                _ => text.Remove(at, length).Insert(at, ((char)random.Next(32, 127)).ToString()),
            };
        }

        AssertHandled(text);
    }

    private static void AssertHandled(string text)
    {
        var compilation = DslCompiler.Compile([new DslSource(Dsl.File, text)]);

        // Errors and a database never come together, and every diagnostic points into the file.
        Assert.True(compilation.Database is null || !compilation.Errors.Any());
        Assert.All(compilation.Diagnostics, d => Assert.True(d.Span.Line >= 0 && d.Span.Column >= 0, d.ToString()));
    }
}
