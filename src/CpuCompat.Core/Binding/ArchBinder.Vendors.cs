using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Declarations;

namespace CpuCompat.Core.Binding;

internal sealed partial class ArchBinder
{
    private void BindVendors()
    {
        var byString = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (index, v) in Items<VendorDeclaration>())
        {
            if (_arch == ArchFamily.X86)
            {
                if (v.CpuidString is not { Length: 12 } s || s.Any(c => c > 0x7F))
                {
                    _diagnostics.Add(BindingDiagnostics.VendorString(v.Name.Span, v.Name.Name, v.CpuidString));
                    continue;
                }

                if (!byString.TryAdd(s, v.Name.Name))
                {
                    _diagnostics.Add(BindingDiagnostics.SameVendorString(v.Name.Span, v.Name.Name, byString[s]));
                }
            }
            else if (v.CpuidString is not null)
            {
                _diagnostics.Add(BindingDiagnostics.NotForArch(v.Span, "a CPUID vendor string", _arch));
                continue;
            }

            if (_arch != ArchFamily.Arm && v.Value is not null)
            {
                _diagnostics.Add(BindingDiagnostics.NotForArch(v.Span, "a numeric vendor value", _arch));
                continue;
            }

            var id = _vendors.Count;
            if (Declare(_vendorNames, "vendor", v.Name, id, index))
            {
                _vendors.Add(new VendorDefinition(id, v.Name.Name, v.CpuidString, v.Value, v.Span));
            }
        }
    }
}
