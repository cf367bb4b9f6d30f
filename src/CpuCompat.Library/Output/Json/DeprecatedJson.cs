using System.Text.Json;
using CpuCompat.Core.Cpu;
using CpuCompat.Libvirt.Xml;
using CpuCompat.Pools;

namespace CpuCompat.Output.Json;

/// <summary>
/// A pool's <c>"deprecated"</c> member (schema <c>pool-baseline</c>): null, or the deprecated model and the nearest
/// model QEMU does not deprecate, with the features to require and disable and the rewritten baseline.
/// </summary>
public static class DeprecatedJson
{
    public static void Write(Utf8JsonWriter w, DeprecatedModel? deprecated, LibvirtGeneration generation)
    {
        w.WritePropertyName("deprecated");
        if (deprecated is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("model", deprecated.Model);
        w.WritePropertyName("proposal");
        if (deprecated.Proposal is { } p)
        {
            w.WriteStartObject();
            w.WriteString("model", p.Model);
            w.WriteStrings("require", p.Require);
            w.WriteStrings("disable", p.Disable);
            w.WriteString("cpu", CpuXmlWriter.Format(p.Cpu, generation));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteEndObject();
    }
}
