using System.Text;

namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>Writers for the corpus's inputs; big ones are streamed to disk at test time, never held or committed.</summary>
public static class HostileFiles
{
    public static string Text(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public static string Bytes(string dir, string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Deterministic noise with every byte value (a fixed seed: a failure reproduces).</summary>
    public static string Binary(string dir, string name, int length, int seed = 11)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return Bytes(dir, name, bytes);
    }

    public const long MiB = 1 << 20;

    /// <summary>A head, then <paramref name="line"/> repeated until the file holds at least <paramref name="bytes"/>, then a tail.</summary>
    public static string Repeated(string dir, string name, string head, string line, long bytes, string tail = "")
    {
        var path = Path.Combine(dir, name);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write(head);
        var target = bytes;
        var block = new StringBuilder();
        while (block.Length < Math.Min(1 << 16, bytes))
        {
            block.Append(line);
        }

        var text = block.ToString();
        for (long written = head.Length; written < target; written += text.Length)
        {
            writer.Write(text);
        }

        writer.Write(tail);
        return path;
    }

    /// <summary>A directory where a file is expected.</summary>
    public static string Directory(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
