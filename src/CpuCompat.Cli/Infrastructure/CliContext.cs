using CpuCompat.Core;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Host;
using CpuCompat.Inputs;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// What a command runs with: the console streams (injected, so tests run the real CLI in-process) and the
/// conventions every command shares: whole outputs written at once, one clear line on stderr per error.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TextReader input, bool errorIsTerminal = false, Stream? inputStream = null)
{
    /// <summary>Whether stderr is an interactive terminal (progress output is shown only then).</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    public TextReader In { get; } = input;

    /// <summary>Standard input as bytes (fleets are read as UTF-8 bytes, not text); in tests, the injected text's bytes.</summary>
    public Stream InStream() => inputStream ?? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(In.ReadToEnd()), writable: false);

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
    public bool TryReadText(string path, out string text)
    {
        text = "";
        try
        {
            text = path == "-" ? BoundedText.ReadAll(In) : BoundedText.ReadFile(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Fail($"cannot read {path}: {FileErrors.Describe(e, path)}");
            return false;
        }
    }

    /// <summary>The display name of an input path in messages (<c>-</c> is standard input).</summary>
    public static string DisplayName(string path) => path == "-" ? "<stdin>" : path;

    public static string Describe(Exception e) => Inputs.FileErrors.Describe(e);
}
