using System.Text;
using CpuCompat.Host.Machine;
using CpuCompat.Host.Virtualization;

namespace CpuCompat.Output.Text;

/// <summary>
/// The readiness report as a table: a verdict line, then one row per check (check, state, detail) with the way to
/// turn it on under each check that is not ok. Notes are left to the caller (stderr).
/// </summary>
public static class VirtCheckText
{
    public static string Format(VirtReport report)
    {
        var sb = new StringBuilder();
        sb.Append("KVM readiness: ").Append(report.Ready ? "ready" : "not ready");
        sb.Append(report.Vendor is { } vendor ? $" ({vendor} CPU)" : "").Append("\n\n");
        var nameWidth = Math.Max("CHECK".Length, report.Checks.Max(c => c.Name.Length)) + 2;
        const int StateWidth = 9;
        sb.Append("CHECK".PadRight(nameWidth)).Append("STATE".PadRight(StateWidth)).Append("DETAIL\n");
        foreach (var check in report.Checks)
        {
            sb.Append(check.Name.PadRight(nameWidth)).Append(check.StateName.PadRight(StateWidth)).Append(check.Detail).Append('\n');
            if (check.Fix is { } fix && check.State != CheckState.Ok)
            {
                sb.Append(new string(' ', nameWidth + StateWidth)).Append("fix: ").Append(fix).Append('\n');
            }
        }

        return sb.ToString();
    }
}
