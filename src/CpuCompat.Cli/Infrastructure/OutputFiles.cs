using System.CommandLine;
using CpuCompat.Output.Files;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// The commands' writes, through the library's <see cref="OutputWriter"/> (atomic, never replacing what is not a regular
/// file, an existing file only with --force); a refusal or failure is reported as one line and the call returns false.
/// </summary>
internal static class OutputFiles
{
    /// <summary><c>--force</c> of every command that writes files.</summary>
    public static Option<bool> Force() => new(CliConstants.Force)
    {
        Description = "Replace output files that already exist (without it an existing file is an error and nothing is written). Devices and FIFOs are written into, links followed, directories never replaced.",
    };

    /// <summary>A name (a pool's, a host's) as a file name: characters other than letters, digits, '.', '_' and '-' become '_'.</summary>
    public static string SafeName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);

    /// <summary>Writes the files (names relative to the directory), all of them or none; <paramref name="isStale"/> picks old files the set replaces.</summary>
    public static bool TryWrite(CliContext context, string directory, IReadOnlyList<(string FileName, string Text)> files, bool force, Func<string, bool>? isStale = null) =>
        Try(context, directory, () => OutputWriter.WriteDirectory(directory, files, force, isStale, context.Interruption.Token));

    /// <summary>Writes one file (a report, a database) whole.</summary>
    public static bool TryWriteFile(CliContext context, string path, byte[] content, bool force)
    {
        context.Out.Flush();
        return Try(context, path, () => OutputWriter.WriteFile(path, content, force, context.Interruption.Token));
    }

    /// <summary>Writes one text file whole; <c>-</c> is the command's standard output.</summary>
    public static bool TryWriteFile(CliContext context, string path, string text, bool force)
    {
        if (path == OutputWriter.StandardOutput)
        {
            context.Write(text);
            return true;
        }

        return TryWriteFile(context, path, System.Text.Encoding.UTF8.GetBytes(text), force);
    }

    /// <summary>Writes several report files all or none (every target is checked before any is written).</summary>
    public static bool TryWriteAll(CliContext context, IReadOnlyList<(string Path, string Text)> files, bool force) =>
        Try(context, string.Join(", ", files.Select(f => f.Path)),
            () => OutputWriter.WriteFiles([.. files.Select(f => new OutputFile(f.Path, System.Text.Encoding.UTF8.GetBytes(f.Text)))], force, cancellation: context.Interruption.Token));

    private static bool Try(CliContext context, string path, Action write)
    {
        using var writing = context.Interruption.Writing();
        try
        {
            write();
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Fail($"interrupted; {path} was not written");
            return false;
        }
        catch (OutputRefusedException e)
        {
            context.Fail(e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Fail($"cannot write {path}: {CliContext.Describe(e)}");
            return false;
        }
    }
}
