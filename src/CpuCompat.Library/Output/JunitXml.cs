using System.Text;
using System.Xml;
using CpuCompat.Pools;

namespace CpuCompat.Output;

/// <summary>
/// The verdicts of <c>cpucompat check</c> as a JUnit XML report, which CI systems show as tests: one
/// <c>&lt;testsuite&gt;</c> per pool, one <c>&lt;testcase classname="POOL" name="FILE"&gt;</c> per guest (or per check
/// statement), and for a failure a <c>&lt;failure&gt;</c> whose message names the hosts and features at fault.
/// </summary>
public static class JunitXml
{
    public static string Format(IReadOnlyList<string> pools, IReadOnlyList<CheckResult> results)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "cpucompat check");
            w.WriteAttributeString("tests", Number(results.Count));
            w.WriteAttributeString("failures", Number(results.Count(r => !r.Passed)));
            foreach (var pool in pools)
            {
                var cases = results.Where(r => r.Pool == pool).ToList();
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", pool);
                w.WriteAttributeString("tests", Number(cases.Count));
                w.WriteAttributeString("failures", Number(cases.Count(r => !r.Passed)));
                w.WriteAttributeString("errors", "0");
                foreach (var result in cases)
                {
                    w.WriteStartElement("testcase");
                    w.WriteAttributeString("classname", pool);
                    w.WriteAttributeString("name", result.Name);
                    if (!result.Passed)
                    {
                        w.WriteStartElement("failure");
                        w.WriteAttributeString("message", result.Message ?? "failed");
                        w.WriteAttributeString("type", "incompatible");
                        w.WriteString(Details(result));
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Details(CheckResult r)
    {
        var text = new StringBuilder(r.Message).Append('\n');
        if (r.HostCount > 0)
        {
            text.Append($"hosts ({r.HostCount} in all): {string.Join(", ", r.Hosts)}{(r.HostCount > r.Hosts.Length ? ", …" : "")}\n");
        }

        if (!r.Features.IsEmpty)
        {
            text.Append($"features: {string.Join(", ", r.Features)}\n");
        }

        return text.ToString();
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
