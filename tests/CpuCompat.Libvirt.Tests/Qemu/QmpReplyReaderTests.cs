using System.Globalization;
using CpuCompat.Core;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Engine;
using CpuCompat.Core.Engine.Drivers;
using CpuCompat.Libvirt.Qemu;
using Xunit;

namespace CpuCompat.Libvirt.Tests.Qemu;

public sealed class QmpReplyReaderTests
{
    public static TheoryData<string, string> JsonFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (version, file) in LibvirtTestFiles.Files(f => f.StartsWith("x86_64-cpuid-", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal)))
        {
            data.Add(version, file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonFiles))]
    public void Every_reply_file_gives_an_expansion_whose_signature_matches_the_sig_file(string version, string file)
    {
        var text = LibvirtTestFiles.Read(version, file);

        var replies = QmpReplyReader.Read(text, file, LibvirtTestFiles.GenerationOf(version));

        Assert.Empty(replies.Diagnostics);
        var expansion = Assert.IsType<QemuModelExpansion>(replies.Expansion);
        Assert.NotEmpty(expansion.Properties);
        Assert.Equal(QemuValueKind.String, expansion.Find("vendor")!.Value.Kind);
        Assert.True(expansion.Find("family")!.Value.TryGetUInt32(out var family));
        Assert.True(expansion.Find("model")!.Value.TryGetUInt32(out var model));
        Assert.True(expansion.Find("stepping")!.Value.TryGetUInt32(out var stepping));
        var sig = Path.ChangeExtension(TestSupport.SharedData.TestDataFile(version, file), ".sig");
        Assert.Equal(File.ReadLines(sig).First(), new CpuSignature(family, model, stepping).ToEax().ToString("x6", CultureInfo.InvariantCulture));

        // Files that carry a definitions reply name every model once, each with a usability.
        var hasDefinitions = text.Contains("unavailable-features", StringComparison.Ordinal);
        Assert.Equal(hasDefinitions, replies.Definitions is not null);
        if (replies.Definitions is { } models)
        {
            Assert.Equal(text.Split("\"typename\"").Length - 1, models.Length);
            Assert.Contains(models, m => m.Name == "host");
            Assert.All(models, m => Assert.Equal(m.Blockers.IsEmpty ? ModelUsability.Yes : ModelUsability.No, m.Usability));
        }
    }

    [Fact]
    public void Properties_keep_reply_order_and_kinds()
    {
        var replies = QmpReplyReader.Read(LibvirtTestFiles.Read("11.3.0", "x86_64-cpuid-A10-5800K.json"), "a.json", LibvirtGeneration.Libvirt11);

        var expansion = replies.Expansion!;
        Assert.Equal("base", expansion.ModelName);
        Assert.Equal(new QemuProperty("pfthreshold", QemuValue.Of(false)), expansion.Properties[0]);
        Assert.Equal(QemuValue.Of("AuthenticAMD"), expansion.Find("vendor"));
        Assert.Equal(QemuValue.Of(21), expansion.Find("family"));
        Assert.True(expansion.Find("tsc-adjust")!.Value.IsTrue);
        Assert.Null(replies.Definitions);
    }

    [Fact]
    public void Blockers_are_renamed_to_libvirt_spelling()
    {
        var replies = QmpReplyReader.Read(LibvirtTestFiles.Read("11.3.0", "x86_64-cpuid-Core-i5-2540M.json"), "b.json", LibvirtGeneration.Libvirt11);

        var models = replies.Definitions!.Value;
        Assert.Equal(AllowedModel.Named("max") with { Usability = ModelUsability.Yes }, models.First(m => m.Name == "max"));
        Assert.Equal(
            new AllowedModel("phenom", ModelUsability.No, ["mmxext", "fxsr_opt", "pdpe1gb", "3dnowext", "3dnow", "abm", "sse4a", "npt"]),
            models.First(m => m.Name == "phenom"));
    }

    [Fact]
    public void Absent_unavailable_features_mean_unknown_usability()
    {
        const string text = """
            {"QMP": {"version": {}}}
            {"return": [{"name": "Haswell"}, {"name": "qemu64", "unavailable-features": []}, {"name": "EPYC", "unavailable-features": ["vmx-invept-single-context-noglobals"]}], "id": "defs"}
            """;

        var v11 = QmpReplyReader.Read(text, "c.json", LibvirtGeneration.Libvirt11);
        var v9 = QmpReplyReader.Read(text, "c.json", LibvirtGeneration.Libvirt9);

        Assert.Empty(v11.Diagnostics);
        Assert.Null(v11.Expansion);
        Assert.Equal(
            [AllowedModel.Named("Haswell"), new AllowedModel("qemu64", ModelUsability.Yes, []), new AllowedModel("EPYC", ModelUsability.No, ["vmx-invvpid-single-context-noglobals"])],
            v11.Definitions!.Value);
        Assert.Equal(["vmx-invept-single-context-noglobals"], v9.Definitions!.Value[2].Blockers);
    }

    [Fact]
    public void An_error_reply_is_reported_at_its_document()
    {
        const string text = "{\"return\": {\"model\": {\"name\": \"host\", \"props\": {}}}}\n{\"error\": {\"class\": \"GenericError\", \"desc\": \"KVM is off\"}}\n";

        var replies = QmpReplyReader.Read(text, "e.json", LibvirtGeneration.Libvirt11);

        var error = Assert.Single(replies.Diagnostics);
        Assert.Equal(LibvirtCodes.QmpErrorReply, error.Code);
        Assert.Equal((2, 1), (error.Span.Line, error.Span.Column));
        Assert.Contains("KVM is off", error.Message, StringComparison.Ordinal);
        Assert.NotNull(replies.Expansion);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_location_and_earlier_replies_are_kept()
    {
        const string text = "{\"return\": {\"model\": {\"name\": \"host\", \"props\": {\"sse\": true}}}}\n{\"return\": [\n  {\"name\": \"x\",,}\n]}";

        var replies = QmpReplyReader.Read(text, "m.json", LibvirtGeneration.Libvirt11);

        var error = Assert.Single(replies.Diagnostics);
        Assert.Equal(LibvirtCodes.MalformedJson, error.Code);
        Assert.Equal(3, error.Span.Line);
        Assert.True(replies.Expansion!.Find("sse")!.Value.IsTrue);
    }

    [Fact]
    public void Second_replies_of_a_kind_and_odd_documents_are_warnings()
    {
        const string text = "[1]\n{\"return\": []}\n{\"return\": []}\n{\"return\": 5}\n";

        var replies = QmpReplyReader.Read(text, "w.json", LibvirtGeneration.Libvirt11);

        Assert.False(replies.HasErrors);
        Assert.Equal([LibvirtCodes.UnexpectedReply, LibvirtCodes.ExtraReply, LibvirtCodes.UnexpectedReply], replies.Diagnostics.Select(d => d.Code));
        Assert.Empty(replies.Definitions!.Value);
    }
}
