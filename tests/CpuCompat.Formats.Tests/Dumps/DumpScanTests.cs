using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Tests.Support;
using CpuCompat.Libvirt.CpuData;
using Xunit;

namespace CpuCompat.Formats.Tests.Dumps;

/// <summary>
/// Every CPUID dump of the shared corpus, converted to libvirt's <c>&lt;cpudata&gt;</c>: the fast scanner reads it,
/// to the very data the full XML reader reads, which is the dump's own data.
/// </summary>
public sealed class DumpScanTests
{
    [Fact]
    public void Every_dump_written_as_cpudata_is_scanned_to_the_full_readers_data()
    {
        var dumps = Samples.DumpFiles().ToList();
        Samples.DumpsRoot();
        foreach (var dump in dumps)
        {
            var input = CpuInputReader.Read(Samples.ReadDump(dump), dump, InputFormat.Auto, Samples.Engine);
            Assert.False(input.HasErrors, $"{dump}: {input.FirstError}");
            var text = CpuDataXmlWriter.Format(input.Data!);

            var scanned = CpuDataScanner.TryScan(text);
            var full = CpuDataXmlReader.ReadDocument(text, dump);

            Assert.True(full.Succeeded, $"{dump}: {string.Join("\n", full.Diagnostics)}");
            Assert.True(scanned is not null, $"{dump}: the scanner declined the written data");
            Assert.Equal(full.Data.Slots, scanned.Slots);
            Assert.Equal(input.Data!.Slots.Where(s => !s.Registers.IsZero), scanned.Slots);
        }

        Assert.True(dumps.Count > 400, $"only {dumps.Count} dumps");
    }
}
