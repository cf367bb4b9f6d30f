using System.Collections.Immutable;
using System.IO.Hashing;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Inputs;

namespace CpuCompat.Batches;

/// <summary>One input file of a batch and what it decoded to: the CPU, or why it could not be.</summary>
/// <param name="Path">The file as it was given.</param>
/// <param name="Name">The file name without its extension: what its outputs are called (<c>NAME-host.xml</c>).</param>
/// <param name="Cpu">The decoded CPU, or the error that names the file.</param>
/// <param name="Messages">Warnings and notes about the file worth telling a person.</param>
public sealed record DecodedFile(string Path, string Name, Outcome<CpuDefinition> Cpu, ImmutableArray<string> Messages);

/// <summary>
/// Decodes many raw CPUID files in one process, for <c>host-model --cpuid FILE... --output-dir DIR</c>. Files with the
/// same bytes (the same CPU dumped on several hosts) are read and decoded once.
/// </summary>
internal static class HostModelBatch
{
    /// <summary>Decodes <paramref name="paths"/> in order with <paramref name="hostModel"/>, the facade's host-model operation.</summary>
    public static ImmutableArray<DecodedFile> Decode(Func<CpuData, bool, AllowedModels?, Outcome<CpuDefinition>> hostModel, CpuReader reader, IReadOnlyList<string> paths, bool guest, AllowedModels? models, IProgress<int>? progress)
    {
        var done = new Dictionary<UInt128, (byte[] Bytes, CpuDefinition Cpu)>();
        var results = ImmutableArray.CreateBuilder<DecodedFile>(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            var name = System.IO.Path.GetFileNameWithoutExtension(path);
            byte[] bytes;
            try
            {
                bytes = BoundedText.ReadBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                results.Add(new DecodedFile(path, name, Errors.Invalid($"cannot read {path}: {FileErrors.Describe(e, path)}"), []));
                progress?.Report(i + 1);
                continue;
            }

            var hash = XxHash128.HashToUInt128(bytes);
            if (!done.TryGetValue(hash, out var cpu) || !bytes.AsSpan().SequenceEqual(cpu.Bytes))
            {
                // Errors and notes name the file, so only a clean decode is shared with later copies.
                var read = reader.ReadCpuData(BoundedText.Decode(bytes), path);
                var decoded = read.Outcome.Then(raw => hostModel(raw.Data, guest, guest ? models ?? raw.Models : null).In(path));
                if (decoded.Succeeded && read.Messages.IsEmpty)
                {
                    done.TryAdd(hash, (bytes, decoded.Value));
                }

                results.Add(new DecodedFile(path, name, decoded, read.Messages));
            }
            else
            {
                results.Add(new DecodedFile(path, name, cpu.Cpu, []));
            }

            progress?.Report(i + 1);
        }

        return results.MoveToImmutable();
    }
}
