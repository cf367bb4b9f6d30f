using CpuCompat.Core.Engine.Drivers;

namespace CpuCompat.Output.Text;

/// <summary>The sentences virsh prints for a compare verdict, with the reason and features on a second line when incompatible.</summary>
public static class CompareText
{
    /// <summary><c>virsh cpu-compare</c>: the CPU of <paramref name="name"/> against the host CPU.</summary>
    public static string WithHost(CompareOutcome outcome, string name) => outcome.Result switch
    {
        CompareResult.Identical => $"CPU described in {name} is identical to host CPU\n",
        CompareResult.Superset => $"Host CPU is a superset of CPU described in {name}\n",
        _ => $"CPU described in {name} is incompatible with host CPU\n{outcome.Message}\n",
    };

    /// <summary><c>virsh hypervisor-cpu-compare</c>: the CPU of <paramref name="name"/> against what the hypervisor provides.</summary>
    public static string WithHypervisor(CompareOutcome outcome, string name) => outcome.Result switch
    {
        CompareResult.Identical => $"CPU described in {name} is identical to the CPU provided by hypervisor on the host\n",
        CompareResult.Superset => $"The CPU provided by hypervisor on the host is a superset of CPU described in {name}\n",
        _ => $"CPU described in {name} is incompatible with the CPU provided by hypervisor on the host\n{outcome.Message}\n",
    };
}
