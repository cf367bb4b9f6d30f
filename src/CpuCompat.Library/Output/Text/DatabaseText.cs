using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;

namespace CpuCompat.Output.Text;

/// <summary>One line about a database: per architecture its vendors, features, models, rules, dependencies and pools.</summary>
public static class DatabaseText
{
    public static string Summary(CpuDatabase db) => string.Join("; ", db.Architectures.Select(a =>
        $"{ArchNames.DslName(a.Family)} {a.Vendors.Length} vendors, {a.Features.Length} features, {a.Models.Length} models"
        + (a.Rules.IsEmpty ? "" : $", {a.Rules.Length} rules")
        + (a.Dependencies.IsEmpty ? "" : $", {a.Dependencies.Length} dependencies")
        + (a.Pools.IsEmpty ? "" : $", {a.Pools.Length} pools")));
}
