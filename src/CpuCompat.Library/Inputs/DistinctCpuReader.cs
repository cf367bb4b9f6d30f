using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Formats.Detection;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Libvirt;

namespace CpuCompat.Inputs;

/// <summary>
/// The CPUs of many inputs for an operation that depends on each distinct CPU only once, such as a baseline: a
/// 10,000-host file of 35 kinds of server costs 35 parses, not 10,000. <see cref="Cpus"/> keeps the order in which
/// each CPU first appeared; <see cref="Total"/> counts them all. <see cref="Origins"/> says, for each, where it first
/// appeared (<c>file:line</c>), so that an answer's error about one CPU can name it
/// (<see cref="Outcome{T}.NamingInputs"/>).
/// </summary>
public sealed record DistinctCpus(ImmutableArray<CpuDefinition> Cpus, int Total, ImmutableArray<string> Origins);

/// <summary>
/// Reads files of CPUs the way <see cref="CpuReader.ReadCpus"/> does, faster for big host lists: a file that is a
/// plain list of <c>&lt;cpu&gt;</c> elements is cut into elements by <see cref="CpuListScanner"/> as it streams in,
/// elements with the same bytes are grouped by their XxHash128 (and compared, so grouping is exact), and each distinct
/// element is parsed once. Any other file, and any list where an element has a problem or a warning, is read whole by
/// the ordinary reader, so that errors and warnings are reported exactly as for a single file, with their lines.
/// </summary>
internal sealed class DistinctCpuReader(CpuReader reader, InputFormat format)
{
    /// <summary>New elements handed to a parse at a time: enough to be worth a thread, few enough to start early.</summary>
    private const int BatchSize = 1000;

    private readonly DistinctBytes _elements = new();
    private readonly List<CpuDefinition> _cpus = [];
    private readonly List<string> _origins = [];
    private readonly List<string> _messages = [];
    private int _total;

    /// <summary>Reads the files in order; <c>-</c> is <paramref name="standardInput"/>. Progress counts the bytes of all files.</summary>
    public InputResult<DistinctCpus> Read(IReadOnlyList<string> paths, Func<Stream> standardInput, IProgress<long>? progress)
    {
        var counter = progress is null ? null : new ByteCounter(progress);
        foreach (var path in paths)
        {
            var name = path == "-" ? "<stdin>" : path;
            try
            {
                using var stream = path == "-" ? Seekable(standardInput()) : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                var read = ReadOne(stream, name, counter);
                if (!read.Succeeded)
                {
                    return new(read.Error!, [.. _messages]);
                }

                counter?.NextFile(stream.Length);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new(Errors.Invalid($"cannot read {name}: {FileErrors.Describe(e, path)}"), [.. _messages]);
            }
        }

        return new(new DistinctCpus([.. _cpus], _total, [.. _origins]), [.. _messages]);
    }

    private Outcome<Unit> ReadOne(Stream stream, string name, IProgress<long>? progress)
    {
        if (format is InputFormat.Auto or InputFormat.Cpu)
        {
            // New elements are parsed in batches while the scan goes on, so that the scan (one thread) and the parse
            // (every other core) overlap; the parses wait for nothing but their batch.
            var found = new DistinctBytes();
            var lines = new List<int>();
            var batches = new List<Task<CpuListReadResult>>();
            var dispatched = 0;
            var hosts = 0;
            var scanned = CpuListScanner.TryScan(stream, (element, line) =>
            {
                hosts++;
                if (!_elements.Contains(element) && found.Add(element))
                {
                    lines.Add(line);
                    if (found.Items.Count - dispatched == BatchSize)
                    {
                        batches.Add(Parse(found.Items, ref dispatched, name));
                    }
                }
            }, progress);
            if (found.Items.Count > dispatched)
            {
                batches.Add(Parse(found.Items, ref dispatched, name));
            }

            var parsed = Task.WhenAll(batches).GetAwaiter().GetResult();
            if (scanned && parsed.All(p => p.Succeeded) && parsed.Sum(p => p.Cpus.Length) == found.Items.Count)
            {
                // Only now, with every new element read cleanly, does the file count.
                var cpus = parsed.SelectMany(p => p.Cpus).ToList();
                for (var i = 0; i < found.Items.Count; i++)
                {
                    _elements.Add(found.Items[i]);
                    _cpus.Add(cpus[i]);
                    _origins.Add(CpuOrigins.Of(name, lines[i]));
                }

                _total += hosts;
                return default(Unit);
            }

            stream.Position = 0;
        }

        // Not a plain list of records, so it is one document: refused by its size before it is read whole.
        if (SafeXml.TooLarge(stream.Length, name) is { } tooLarge)
        {
            return Errors.From(tooLarge);
        }

        string text;
        using (var textReader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            text = textReader.ReadToEnd();
        }

        var input = reader.Read(text, name);
        var whole = input.Then(parsed => reader.Cpus(parsed, name));
        _messages.AddRange(whole.Messages);
        if (!whole.Succeeded)
        {
            return whole.Error!;
        }

        _cpus.AddRange(whole.Value);
        _origins.AddRange(CpuOrigins.Of(input.Value, name));
        _total += whole.Value.Length;
        return default(Unit);
    }

    /// <summary>
    /// Parses the elements from <paramref name="from"/> on, each as a file holding just it would be, on the thread
    /// pool. A batch that fails makes the caller read the file the ordinary way, to report the problem where it is.
    /// </summary>
    private Task<CpuListReadResult> Parse(IReadOnlyList<byte[]> elements, ref int from, string name)
    {
        var batch = new byte[elements.Count - from][];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = elements[from + i];
        }

        from = elements.Count;
        var generation = reader.Engine.Database.Generation;
        return Task.Run(() => CpuXmlReader.ReadCpuElements(batch, name, CpuXmlType.Auto, generation));
    }

    /// <summary>Bytes read so far over all files, from the scanner's count within the current one.</summary>
    private sealed class ByteCounter(IProgress<long> progress) : IProgress<long>
    {
        private long _before;

        public void Report(long value) => progress.Report(_before + value);

        public void NextFile(long length) => _before += length;
    }

    /// <summary>Standard input can be read twice (scanned, then read whole if it is not a plain list) only from memory.</summary>
    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }

        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
