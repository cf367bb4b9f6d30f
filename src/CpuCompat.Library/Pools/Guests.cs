using System.Collections.Immutable;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Inputs;

namespace CpuCompat.Pools;

/// <summary>A guest to check: its file's path relative to the guests directory (<c>web.xml</c>) and its CPU, or why it cannot be read.</summary>
public sealed record Guest(string File, Outcome<CpuDefinition> Cpu);

/// <summary>The guests of a directory: every <c>*.xml</c> below it (libvirt <c>&lt;domain&gt;</c> or <c>&lt;cpu&gt;</c> files), in path order.</summary>
public static class Guests
{
    public static Outcome<ImmutableArray<Guest>> Read(string directory, CpuReader reader)
    {
        if (!Directory.Exists(directory))
        {
            return Errors.Invalid(File.Exists(directory) ? $"{directory} is a file; --guests takes a directory of guest definitions" : $"{directory}: no such directory");
        }

        var guests = ImmutableArray.CreateBuilder<Guest>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.xml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal))
        {
            string text;
            try
            {
                text = System.IO.File.ReadAllText(Path.Combine(directory, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                guests.Add(new Guest(file, Errors.Invalid($"cannot read {file}: {e.Message}")));
                continue;
            }

            guests.Add(new Guest(file, reader.ReadGuest(text, Path.Combine(directory, file))));
        }

        return guests.ToImmutable();
    }
}
