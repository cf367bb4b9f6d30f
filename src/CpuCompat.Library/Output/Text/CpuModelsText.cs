using System.Text;
using CpuCompat.Libvirt.Xml;

namespace CpuCompat.Output.Text;

/// <summary><c>cpucompat cpu-models</c>: a table of models, vendors, usability and blockers, then a count.</summary>
public static class CpuModelsText
{
    public static string Format(DomainCpuCapabilities caps, IEnumerable<DomainCpuModel> shown)
    {
        var text = new StringBuilder($"{"MODEL",-28} {"VENDOR",-8} {"USABLE",-6}  BLOCKING FEATURES\n");
        foreach (var m in shown)
        {
            var blockers = m.Blockers.IsDefaultOrEmpty ? "" : TextWrap.Join(m.Blockers, 46);
            text.Append($"{m.Name,-28} {m.Vendor ?? "any",-8} {(m.Usable ? "yes" : "no"),-6}  {blockers}\n");
        }

        var usable = caps.Models.Count(m => m.Usable);
        text.Append($"\n{usable} of {caps.Models.Length} models are usable; host-model: {caps.HostModel?.Model ?? "none"}\n");
        return text.ToString();
    }
}
