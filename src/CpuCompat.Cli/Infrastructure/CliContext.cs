using CpuCompat.Core;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Host;
using CpuCompat.Libvirt;
using CpuCompat.Inputs;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// What a command runs with: the console streams (injected, so tests run the real CLI in-process) and the
/// conventions every command shares: whole outputs written at once, one clear line on stderr per error.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TextReader input, bool errorIsTerminal = false, Stream? inputStream = null, Interruption? interruption = null)
{
    /// <summary>Ctrl-C and SIGTERM: writes in progress are cancelled and unwound before the process ends.</summary>
    public Interruption Interruption { get; } = interruption ?? Interruption.None();

    /// <summary>Whether stderr is an interactive terminal (progress output is shown only then).</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    public TextReader In { get; } = input;

    /// <summary>Standard input as bytes (fleets are read as UTF-8 bytes, not text); in tests, the injected text's bytes.</summary>
    public Stream InStream()
    {
        HintWhenInputIsTerminal();
        return inputStream ?? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(In.ReadToEnd()), writable: false);
    }

    /// <summary>A command reading '-' from a terminal would otherwise wait in silence, looking hung.</summary>
    private void HintWhenInputIsTerminal()
    {
        if (inputStream is not null && !Console.IsInputRedirected)
        {
            Err.WriteLine("cpucompat: reading standard input from the terminal; paste the input, then press Ctrl-D (Ctrl-C to stop)");
        }
    }

    /// <summary>Text from input made safe to print (the one escaping rule of every diagnostic).</summary>
    public string Printable(string text) => CpuCompat.Core.Diagnostics.Printable.Escape(text);

    /// <summary>Writes a command's whole output in one call, so an error never leaves half of it behind.</summary>
    public void Write(string text)
    {
        Out.Write(text);
        Out.Flush();
    }

    /// <summary>Reports a user error on one line and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public int Fail(string message)
    {
        ClearProgressLine();
        Err.WriteLine($"cpucompat: {message}");
        return ExitCodes.BadInput;
    }

    /// <summary>Reports a diagnostic (file:line:column: message) and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public int Fail(Diagnostic diagnostic)
    {
        ClearProgressLine();
        Err.WriteLine(diagnostic.ToString());
        return ExitCodes.BadInput;
    }

    /// <summary>Reports an error (a diagnostic in its own form); "incompatible" exits 1, everything else 2.</summary>
    public int Fail(CpuError error)
    {
        if (error.Diagnostic is { } diagnostic)
        {
            return Fail(diagnostic);
        }

        ClearProgressLine();
        Err.WriteLine($"cpucompat: {error.Message}");
        return error.Kind == CpuErrorKind.Incompatible ? ExitCodes.Incompatible : ExitCodes.BadInput;
    }

    /// <summary>The value of an outcome, or false after reporting its error.</summary>
    public bool TryGet<T>(Outcome<T> outcome, out T value)
    {
        if (outcome.TryGetValue(out value!))
        {
            return true;
        }

        Fail(outcome.Error!);
        return false;
    }

    /// <summary>Prints an input's warnings and notes on stderr, then gives its value, or false after reporting its error.</summary>
    public bool TryGet<T>(InputResult<T> result, out T value)
    {
        foreach (var message in result.Messages)
        {
            Err.WriteLine(message.StartsWith("note: ", StringComparison.Ordinal) ? $"cpucompat: {message}" : message);
        }

        return TryGet(result.Outcome, out value);
    }

    /// <summary>What a host report could not read or had to substitute, one line each on stderr.</summary>
    public void PrintNotes(IEnumerable<HostNote> notes)
    {
        foreach (var note in notes)
        {
            Err.WriteLine($"cpucompat: {note}");
        }
    }

    /// <summary>On a terminal, erases a progress line the error would otherwise be appended to.</summary>
    private void ClearProgressLine()
    {
        if (ErrorIsTerminal)
        {
            Err.Write("\r\u001b[K");
        }
    }

    /// <summary>Whether <paramref name="path"/> (given to <paramref name="option"/>) is a directory; reports it (exit 2 follows) when it is not.</summary>
    public bool IsDirectory(string path, string option)
    {
        if (Directory.Exists(path))
        {
            return true;
        }

        Fail(File.Exists(path) ? $"{DisplayName(path)} is a file; {option} takes a directory" : $"{DisplayName(path)}: no such directory ({option})");
        return false;
    }

    /// <summary>Reads a whole input file; <c>-</c> reads standard input. On failure reports it and returns false.</summary>
    public bool TryReadText(string path, out string text) => TryReadText(path, out text, xml: false);

    /// <summary>
    /// Reads a whole XML input file as <see cref="TryReadText(string, out string)"/> does, refusing one larger than an
    /// XML document may be (<see cref="XmlLimits.MaxDocumentBytes"/>) before reading it, and reading standard input
    /// only up to just past that size.
    /// </summary>
    public bool TryReadXml(string path, out string text) => TryReadText(path, out text, xml: true);

    private bool TryReadText(string path, out string text, bool xml)
    {
        text = "";
        try
        {
            if (path == "-")
            {
                HintWhenInputIsTerminal();
            }

            if (xml)
            {
                var size = path == "-" ? 0 : new FileInfo(path) is { Exists: true } file ? file.Length : 0;
                text = path == "-" ? ReadAtMost(In, XmlLimits.MaxDocumentBytes + 1) : "";
                if (SafeXml.TooLarge(path == "-" ? text.Length : size, DisplayName(path)) is { } tooLarge)
                {
                    Fail(tooLarge);
                    text = "";
                    return false;
                }

                if (path == "-")
                {
                    return true;
                }
            }

            text = path == "-" ? BoundedText.ReadAll(In) : BoundedText.ReadFile(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Fail($"cannot read {path}: {FileErrors.Describe(e, path)}");
            return false;
        }
    }

    private static string ReadAtMost(TextReader reader, long limit)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[81920];
        for (int n; text.Length < limit && (n = reader.Read(buffer, 0, buffer.Length)) > 0;)
        {
            text.Append(buffer, 0, n);
        }

        return text.ToString();
    }

    /// <summary>The display name of an input path in messages (<c>-</c> is standard input).</summary>
    public static string DisplayName(string path) => path == "-" ? "<stdin>" : path;

    public static string Describe(Exception e) => Inputs.FileErrors.Describe(e);
}
