namespace CpuCompat.Libvirt.Xml;

/// <summary>
/// Which kind of definition a <c>&lt;cpu&gt;</c> element is read as (libvirt's <c>virCPUType</c>): <see cref="Auto"/>
/// makes it a host CPU when it has an <c>&lt;arch&gt;</c> child and a guest CPU otherwise.
/// </summary>
public enum CpuXmlType
{
    Auto,
    Host,
    Guest,
}
