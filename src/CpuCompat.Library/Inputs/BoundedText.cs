using System.Text;

namespace CpuCompat.Inputs;

/// <summary>An input larger than any CPU description could be; found while reading, so its size is never read.</summary>
public sealed class InputTooLargeException(long limit)
    : IOException($"it is larger than {limit >> 20} MiB, far more than any CPU description, dump or reply (real ones are under 1 MiB)");

/// <summary>
/// Reads a whole input with a size limit checked while reading: a 100 MB file, or an endless device or pipe, costs
/// one limit's worth of memory and stops there, instead of being read into a string and parsed.
/// </summary>
public static class BoundedText
{
    /// <summary>The largest CPU input (XML, dump, /proc/cpuinfo, QMP reply) read; fleets stream line by line instead.</summary>
    public const int MaxInputBytes = 16 << 20;

    /// <summary>The file's text (encoding from its byte order mark, else UTF-8, as <see cref="File.ReadAllText(string)"/>).</summary>
    public static string ReadFile(string path, int limit = MaxInputBytes) => Decode(ReadBytes(path, limit));

    /// <summary>The file's bytes, refused with <see cref="InputTooLargeException"/> once more than <paramref name="limit"/> arrive.</summary>
    public static byte[] ReadBytes(string path, int limit = MaxInputBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(limit + 1, 64 * 1024)];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    throw new InputTooLargeException(limit);
                }

                Array.Resize(ref buffer, (int)Math.Min(limit + 1L, buffer.Length * 2L));
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        Array.Resize(ref buffer, filled);
        return buffer;
    }

    /// <summary>Text from bytes as <see cref="ReadFile"/> decodes them: the encoding of a byte order mark, else UTF-8.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>All of a reader's text (standard input), with the same limit counted in characters.</summary>
    public static string ReadAll(TextReader reader, int limit = MaxInputBytes)
    {
        var text = new StringBuilder();
        var block = new char[64 * 1024];
        int read;
        while ((read = reader.Read(block, 0, block.Length)) > 0)
        {
            text.Append(block, 0, read);
            if (text.Length > limit)
            {
                throw new InputTooLargeException(limit);
            }
        }

        return text.ToString();
    }
}
