using System.Text;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Diagnostics;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Serialization;

/// <summary>Writes a <see cref="CpuDatabase"/> in its binary form (<see cref="DatabaseFormat"/>).</summary>
public static class DatabaseWriter
{
    public static byte[] ToBytes(CpuDatabase database)
    {
        using var stream = new MemoryStream();
        Write(database, stream);
        return stream.ToArray();
    }

    public static void Write(CpuDatabase database, Stream stream)
    {
        // The sections are written first, so that the table of the files their spans name is complete before the
        // header, which holds it, is written.
        using var body = new MemoryStream();
        using var w = new SpanFileWriter(body);
        var archs = database.Architectures.ToList();
        foreach (var arch in archs)
        {
            WriteArch(w, arch);
        }

        w.Flush();
        using var head = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        head.Write(DatabaseFormat.Magic);
        head.Write(DatabaseFormat.Version);
        head.Write((byte)database.Generation);
        head.Write(database.Source);
        head.Write(w.Files.Count);
        foreach (var file in w.Files)
        {
            head.Write(file);
        }

        head.Write((byte)archs.Count);
        head.Flush();
        body.WriteTo(stream);
    }

    private static void WriteArch(SpanFileWriter w, ArchDatabase db)
    {
        w.Write((byte)db.Family);
        w.Write(db.Vendors.Length);
        foreach (var v in db.Vendors)
        {
            w.Write(v.Name);
            WriteOptional(w, v.CpuidString);
            w.Write(v.Value.HasValue);
            w.Write(v.Value ?? 0);
            WriteSpan(w, v.Span);
        }

        w.Write(db.Features.Length);
        foreach (var f in db.Features)
        {
            w.Write(f.Name);
            w.Write(f.Migratable);
            w.Write(f.Bits.Length);
            foreach (var b in f.Bits)
            {
                w.Write((byte)b.Key.Kind);
                w.Write(b.Key.Leaf);
                w.Write(b.Key.Subleaf);
                w.Write(b.Registers.Eax);
                w.Write(b.Registers.Ebx);
                w.Write(b.Registers.Ecx);
                w.Write(b.Registers.Edx);
            }

            w.Write(f.Aliases.Length);
            foreach (var a in f.Aliases)
            {
                w.Write(a.Name);
                WriteOptional(w, a.Source);
            }

            w.Write(f.Tags.Length);
            foreach (var t in f.Tags)
            {
                w.Write(t);
            }

            WriteSpan(w, f.Span);
        }

        w.Write(db.Models.Length);
        foreach (var m in db.Models)
        {
            WriteModel(w, m);
        }

        w.Write(db.Rules.Length);
        foreach (var r in db.Rules)
        {
            w.Write(r.Name);
            WriteCondition(w, r.Condition);
            WriteSet(w, r.Drop);
            WriteSpan(w, r.Span);
        }

        w.Write(db.Dependencies.Length);
        foreach (var d in db.Dependencies)
        {
            w.Write(d.FeatureId);
            WriteSet(w, d.Requires);
            WriteSpan(w, d.Span);
        }

        w.Write(db.Pools.Length);
        foreach (var p in db.Pools)
        {
            w.Write(p.Name);
            WriteSet(w, p.Forbid);
            WriteSet(w, p.Require);
            WriteIds(w, p.Prefer);
            WriteIds(w, p.Allow);
            w.Write(p.VendorId ?? -1);
            w.Write(p.Migratable);
            WriteSpan(w, p.Span);
            w.Write(p.Selector is not null);
            if (p.Selector is not null)
            {
                WriteCondition(w, p.Selector);
            }

            w.Write(p.Minimum ?? -1);
        }

        w.Write(db.Levels.Length);
        foreach (var l in db.Levels)
        {
            w.Write(l.Name);
            w.Write(l.BaseIndex ?? -1);
            WriteSet(w, l.Features);
            WriteSpan(w, l.Span);
        }

        w.Write(db.Checks.Length);
        foreach (var c in db.Checks)
        {
            switch (c)
            {
                case GuestsCheck g:
                    w.Write(DatabaseFormat.GuestsCheck);
                    w.Write(g.Pool);
                    WriteOptional(w, g.Directory);
                    break;
                case MinimumCheck m:
                    w.Write(DatabaseFormat.MinimumCheck);
                    w.Write(m.Pool);
                    w.Write(m.Model);
                    break;
                case DeprecatedCheck d:
                    w.Write(DatabaseFormat.DeprecatedCheck);
                    w.Write(d.Pool);
                    break;
                case ExposesCheck e:
                    w.Write(DatabaseFormat.ExposesCheck);
                    w.Write(e.Pool);
                    WriteSet(w, e.Features);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected check {c.GetType().Name}.");
            }

            WriteSpan(w, c.Span);
        }
    }

    private static void WriteModel(SpanFileWriter w, ModelDefinition m)
    {
        w.Write(m.Name);
        w.Write(m.VendorId ?? -1);
        w.Write(m.AncestorId ?? -1);
        w.Write(m.DecodeHost);
        w.Write(m.DecodeGuest);
        w.Write(m.CompatCheck);
        w.Write(m.IsAlias);
        WriteOptional(w, m.CanonicalName);
        w.Write(m.Signatures.Length);
        foreach (var s in m.Signatures)
        {
            w.Write(s.Family);
            w.Write(s.Model);
            w.Write(s.Steppings.HasValue);
            w.Write(s.Steppings ?? 0);
        }

        WriteSet(w, m.Features);
        WriteSet(w, m.OwnFeatures);
        WriteSet(w, m.SubtractedFeatures);
        WriteIds(w, m.Removed);
        WriteIds(w, m.Added);
        w.Write(m.Pvrs.Length);
        foreach (var p in m.Pvrs)
        {
            w.Write(p.Value);
            w.Write(p.Mask.HasValue);
            w.Write(p.Mask ?? 0);
        }

        WriteSpan(w, m.Span);
    }

    private static void WriteCondition(SpanFileWriter w, RuleCondition condition)
    {
        switch (condition)
        {
            case AllOfCondition all:
                w.Write(DatabaseFormat.AllOf);
                w.Write(all.Operands.Length);
                foreach (var o in all.Operands)
                {
                    WriteCondition(w, o);
                }

                break;
            case AnyOfCondition any:
                w.Write(DatabaseFormat.AnyOf);
                w.Write(any.Operands.Length);
                foreach (var o in any.Operands)
                {
                    WriteCondition(w, o);
                }

                break;
            case NotRuleCondition not:
                w.Write(DatabaseFormat.Not);
                WriteCondition(w, not.Operand);
                break;
            case VendorIsCondition vendor:
                w.Write(DatabaseFormat.VendorIs);
                w.Write(vendor.VendorId);
                w.Write(vendor.VendorName);
                break;
            case FieldCompareCondition compare:
                w.Write(DatabaseFormat.FieldCompare);
                w.Write((byte)compare.Field);
                w.Write((byte)compare.Operator);
                w.Write(compare.Value);
                break;
            case FieldInCondition @in:
                w.Write(DatabaseFormat.FieldIn);
                w.Write((byte)@in.Field);
                w.Write(@in.Values.Length);
                foreach (var v in @in.Values)
                {
                    w.Write(v);
                }

                break;
            case HasFeaturesCondition has:
                w.Write(DatabaseFormat.HasFeatures);
                WriteSet(w, has.Mask);
                w.Write(has.FeatureNames.Length);
                foreach (var n in has.FeatureNames)
                {
                    w.Write(n);
                }

                break;
            case RunsModelCondition runs:
                w.Write(DatabaseFormat.RunsModel);
                WriteSet(w, runs.ModelFeatures);
                w.Write(runs.ModelName);
                break;
            case LabelIsCondition label:
                w.Write(DatabaseFormat.LabelIs);
                w.Write(label.Label);
                w.Write(label.Value);
                break;
            default:
                throw new InvalidOperationException($"Unexpected condition {condition.GetType().Name}.");
        }
    }

    private static void WriteSet(SpanFileWriter w, FeatureSet set)
    {
        foreach (var word in set.Words)
        {
            w.Write(word);
        }
    }

    private static void WriteIds(SpanFileWriter w, System.Collections.Immutable.ImmutableArray<int> ids)
    {
        w.Write(ids.Length);
        foreach (var id in ids)
        {
            w.Write(id);
        }
    }

    private static void WriteOptional(SpanFileWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null)
        {
            w.Write(s);
        }
    }

    private static void WriteSpan(SpanFileWriter w, SourceSpan span)
    {
        w.Write(w.IndexOf(span.File ?? ""));
        w.Write(span.Line);
        w.Write(span.Column);
        w.Write(span.EndLine);
        w.Write(span.EndColumn);
    }
}
