using System.Text;

namespace CpuCompat.Libvirt;

/// <summary>Escapes text for libvirt-style XML output, as libvirt's <c>virBufferEscapeString</c> does.</summary>
internal static class XmlEscape
{
    /// <summary>
    /// Replaces <c>&lt; &gt; &amp; " '</c> with entities and drops the control characters XML 1.0 cannot carry
    /// (everything below 0x20 except tab, line feed and carriage return).
    /// </summary>
    public static string Escape(string text)
    {
        if (!NeedsEscaping(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case < ' ' and not ('\t' or '\n' or '\r'): break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (c is '<' or '>' or '&' or '"' or '\'' || (c < ' ' && c is not ('\t' or '\n' or '\r')))
            {
                return true;
            }
        }

        return false;
    }
}
