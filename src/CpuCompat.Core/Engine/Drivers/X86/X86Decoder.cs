using System.Collections.Immutable;
using CpuCompat.Core.Cpu;
using CpuCompat.Core.Database;
using CpuCompat.Core.Database.Rules;
using CpuCompat.Core.Features;

namespace CpuCompat.Core.Engine.Drivers.X86;

/// <summary>
/// Chooses a model for x86 CPU data exactly as libvirt does (<c>Engine/README.md</c>, "Decode"): rules first (the broken-TSX quirk),
/// then a walk over the models from last to first where a candidate must be strictly better to replace the best.
/// </summary>
internal sealed class X86Decoder(ArchDatabase db)
{
    /// <summary>The models' feature sets side by side, read in place by the walk (through a model's property each read copies 64 bytes).</summary>
    private readonly ImmutableArray<FeatureSet> _modelFeatures = [.. db.Models.Select(m => m.Features)];

    /// <summary>Each feature as a host's, a required and a disabled entry: the winner's list is made of these shared values.</summary>
    private readonly ImmutableArray<CpuFeature> _hostEntries = [.. db.Features.Select(f => new CpuFeature(f.Name, null))];

    private readonly ImmutableArray<CpuFeature> _requiredEntries = [.. db.Features.Select(f => new CpuFeature(f.Name, FeaturePolicy.Require))];

    private readonly ImmutableArray<CpuFeature> _disabledEntries = [.. db.Features.Select(f => new CpuFeature(f.Name, FeaturePolicy.Disable))];

    public Outcome<CpuDefinition> Decode(X86DecodeRequest request)
    {
        var stub = request.Stub;
        var host = stub.Type == CpuType.Host;
        var data = request.Data;
        var vendor = DetectVendor(data.Leaf0);
        var signature = data.MaskedSignature;
        var (family, model, stepping) = CpuSignature.FromEax(signature);
        if (request.Trace is { } trace)
        {
            trace.Vendor = vendor?.Name;
            trace.Signature = CpuSignature.FromEax(signature);
        }

        var (features, partial) = ApplyRules(data, vendor, request.Trace);
        var preferred = request.Preferred is { Count: > 0 } p ? p : null;
        var explain = request.Trace is not null;
        Candidate? best = null;
        var modelFeatures = _modelFeatures.AsSpan();

        for (var i = db.Models.Length - 1; i >= 0; i--)
        {
            var m = db.Models[i];
            AllowedModel? entry = null;
            if (request.Allowed is { } allowed)
            {
                entry = allowed.Find(m.Name);
                if (entry is null)
                {
                    if (preferred is [var only] && only == m.Name && stub.Fallback != CpuFallback.Allow)
                    {
                        return X86Messages.NotSupportedByHypervisor(m.Name);
                    }

                    Skip(request.Trace, m, "not in the allowed models");
                    continue;
                }
            }

            if (vendor is not null && m.VendorId is { } mv && mv != vendor.Id)
            {
                // The words only when traced: an untraced decode skips every model of the other vendor without making a string.
                if (explain)
                {
                    Skip(request.Trace, m, $"vendor {db.Vendors[mv].Name}, the CPU is {vendor.Name}");
                }

                continue;
            }

            // A host decode skips a model the CPU lacks features of, whatever else holds (Judge's second rule). Unless
            // the steps are traced, that is settled by one subset test, without measuring the candidate.
            if (host && !explain && entry is not { Blockers.IsDefaultOrEmpty: false } && (!m.DecodeHost || !modelFeatures[i].IsSubsetOf(partial)))
            {
                continue;
            }

            var candidate = Measure(m, modelFeatures[i], entry, features, partial, host);
            var (verdict, why) = Judge(candidate, best, host, preferred, signature, family, model, stepping);
            if (explain)
            {
                request.Trace!.Steps.Add(new DecodeStep(
                    m.Name, verdict, Explain(why, candidate, best, host), candidate.Required, candidate.Disabled, candidate.Score, candidate.Penalty));
            }
            if (verdict is DecodeVerdict.Accepted or DecodeVerdict.AcceptedAndStopped)
            {
                best = candidate;
            }

            if (verdict == DecodeVerdict.AcceptedAndStopped)
            {
                break;
            }
        }

        if (best is null)
        {
            return X86Messages.NoSuitableModel();
        }

        var winner = best.Value;
        return Finish(stub, winner, Lists(winner.Model, winner.Entry, features, partial, host), vendor, signature, request.Migratable);
    }

    /// <summary>The first vendor (map order) whose leaf-0 registers are contained in the data's leaf 0.</summary>
    public VendorDefinition? DetectVendor(Registers leaf0)
    {
        if (leaf0.IsZero)
        {
            return null;
        }

        foreach (var v in db.Vendors)
        {
            if (!v.Leaf0.IsZero && leaf0.Contains(v.Leaf0))
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The data's features after the rules that apply to it (the broken-TSX quirk), as decoding sees them.</summary>
    internal (FeatureSet Features, FeatureSet Partial) ApplyRules(X86Input data, VendorDefinition? vendor, DecodeTrace? trace)
    {
        var (features, partial) = (data.Features, data.PartialFeatures);
        if (db.Rules.IsEmpty)
        {
            return (features, partial);
        }

        // Rules read the signature from the unmasked EAX (the same numbers as the masked one).
        var s = CpuSignature.FromEax(data.Leaf1Eax);
        var facts = new RuleFacts(vendor?.Id, data.MaskedSignature != 0, s.Family, s.Model, s.Stepping, features);
        foreach (var rule in db.Rules)
        {
            if (rule.AppliesTo(facts))
            {
                features = features.Except(rule.Drop);
                partial = partial.Except(rule.Drop);
                trace?.AppliedRules.Add(rule.Name);
            }
        }

        return (features, partial);
    }

    /// <summary>
    /// The counts <see cref="Judge"/> weighs, without building the lists where counting the sets gives them: for a host,
    /// and for a guest of a model that removes nothing, when the allowed entry names no blockers.
    /// </summary>
    private Candidate Measure(ModelDefinition m, in FeatureSet modelFeatures, AllowedModel? entry, in FeatureSet features, in FeatureSet partial, bool host)
    {
        if (entry is { Blockers.IsDefaultOrEmpty: false } || (!host && !m.Removed.IsDefaultOrEmpty))
        {
            var lists = Lists(m, entry, features, partial, host);
            return new Candidate(m, entry, lists.Extra.PopCount(), lists.Missing.PopCount() + lists.Removed.Length, host);
        }

        return new Candidate(m, entry, features.CountExcept(modelFeatures), modelFeatures.CountExcept(partial), host);
    }

    /// <summary>The features a model's candidate lists: required on top of the model, disabled, and removed by its version.</summary>
    private CandidateLists Lists(ModelDefinition m, AllowedModel? entry, in FeatureSet features, in FeatureSet partial, bool host)
    {
        var extra = features.Except(m.Features);
        var missing = m.Features.Except(partial);
        if (entry is { Blockers.IsDefaultOrEmpty: false })
        {
            // A blocker becomes a disabled feature unless the data has it on top of the model, even when the model lacks it.
            foreach (var name in entry.Blockers)
            {
                if (db.FindFeature(name) is { } blocker && !extra.Contains(blocker.Id))
                {
                    missing = missing.With(blocker.Id);
                }
            }
        }

        var removed = ImmutableArray<int>.Empty;
        if (!host && !m.Removed.IsDefaultOrEmpty)
        {
            var listed = extra | missing;
            var builder = ImmutableArray.CreateBuilder<int>();
            foreach (var id in m.Removed)
            {
                if (!listed.Contains(id))
                {
                    builder.Add(id);
                    listed = listed.With(id);
                }
            }

            removed = builder.ToImmutable();
        }

        return new CandidateLists(extra, missing, removed);
    }

    /// <summary>Why <see cref="Judge"/> decided as it did; turned into words only when the decode is traced.</summary>
    private enum Why : byte
    {
        NotDecodable,
        LacksFeatures,
        OnlyPreferred,
        FirstCandidate,
        BestMatchesSignature,
        MatchesSignature,
        LowerScore,
        FewerDisabled,
        PreferredFewerDisabled,
        NotBetter,
    }

    private static (DecodeVerdict, Why) Judge(
        Candidate c, Candidate? best, bool host, IReadOnlyList<string>? preferred, uint signature, uint family, uint model, uint stepping)
    {
        var m = c.Model;
        if (host ? !m.DecodeHost : !m.DecodeGuest)
        {
            return (DecodeVerdict.Skipped, Why.NotDecodable);
        }

        if (host && c.Disabled > 0)
        {
            return (DecodeVerdict.Skipped, Why.LacksFeatures);
        }

        var isPreferred = preferred is not null && preferred.Contains(m.Name);
        if (isPreferred && preferred!.Count == 1)
        {
            return (DecodeVerdict.AcceptedAndStopped, Why.OnlyPreferred);
        }

        if (best is not { } b)
        {
            return (DecodeVerdict.Accepted, Why.FirstCandidate);
        }

        if (signature != 0)
        {
            var bestMatches = b.Model.HasSignature(family, model, stepping);
            var matches = m.HasSignature(family, model, stepping);
            if (bestMatches && !matches)
            {
                return (DecodeVerdict.Rejected, Why.BestMatchesSignature);
            }

            if (!bestMatches && matches)
            {
                return (DecodeVerdict.Accepted, Why.MatchesSignature);
            }
        }

        if (c.Score < b.Score)
        {
            return (DecodeVerdict.Accepted, Why.LowerScore);
        }

        if (c.Score == b.Score && c.Penalty < b.Penalty)
        {
            return (DecodeVerdict.Accepted, Why.FewerDisabled);
        }

        if (isPreferred && c.Penalty < b.Penalty)
        {
            return (DecodeVerdict.Accepted, Why.PreferredFewerDisabled);
        }

        return (DecodeVerdict.Rejected, Why.NotBetter);
    }

    /// <summary>The trace's words for a verdict on <paramref name="c"/> against the best candidate before it.</summary>
    private static string Explain(Why why, Candidate c, Candidate? best, bool host) => why switch
    {
        Why.NotDecodable => host ? "not decodable for hosts" : "not decodable for guests",
        Why.LacksFeatures => $"the CPU lacks {c.Disabled} of its features",
        Why.OnlyPreferred => "the only preferred model",
        Why.FirstCandidate => "first candidate",
        Why.BestMatchesSignature => $"{best!.Value.Model.Name} matches the CPU signature, this model does not",
        Why.MatchesSignature => "matches the CPU signature",
        Why.LowerScore => $"score {c.Score} < {best!.Value.Score}",
        Why.FewerDisabled => $"same score {c.Score}, fewer disabled ({c.Penalty} < {best!.Value.Penalty})",
        Why.PreferredFewerDisabled => $"preferred, fewer disabled ({c.Penalty} < {best!.Value.Penalty})",
        _ => c.Score == best!.Value.Score ? $"ties with {best.Value.Model.Name} (score {c.Score}), which comes later in the map" : $"score {c.Score} > {best.Value.Score}",
    };

    private CpuDefinition Finish(CpuDefinition stub, Candidate best, CandidateLists lists, VendorDefinition? vendor, uint signature, bool migratable)
    {
        var require = best.Host ? _hostEntries : _requiredEntries;
        var disable = best.Host ? _hostEntries : _disabledEntries;
        var list = ImmutableArray.CreateBuilder<CpuFeature>(best.Required + best.Disabled);
        Append(lists.Extra, require);
        Append(lists.Missing, disable);
        foreach (var id in lists.Removed)
        {
            Add(id, disable);
        }

        return stub with
        {
            Vendor = vendor?.Name ?? stub.Vendor,
            Model = best.Model.Name,
            Features = list.ToImmutable(),
            Signature = signature != 0 ? CpuSignature.FromEax(signature) : null,
        };

        void Append(FeatureSet set, ImmutableArray<CpuFeature> entries)
        {
            foreach (var id in set)
            {
                Add(id, entries);
            }
        }

        void Add(int id, ImmutableArray<CpuFeature> entries)
        {
            if (!migratable || !db.NonMigratable.Contains(id))
            {
                list.Add(entries[id]);
            }
        }
    }

    /// <summary>What a model's candidate lists: the features required on top of it, disabled, and removed by its version.</summary>
    private readonly record struct CandidateLists(FeatureSet Extra, FeatureSet Missing, ImmutableArray<int> Removed);

    /// <summary>
    /// A model's candidate as <see cref="Judge"/> weighs it: counts only. A small value, so judging the models allocates
    /// and copies nothing; the lists are built for the winner alone.
    /// </summary>
    private readonly struct Candidate
    {
        public Candidate(ModelDefinition model, AllowedModel? entry, int required, int disabled, bool host)
        {
            Model = model;
            Entry = entry;
            Host = host;
            Required = required;
            Disabled = disabled;
            (Score, Penalty) = host ? (Required, 0) : GuestScore(Required, Disabled);
        }

        public ModelDefinition Model { get; }

        /// <summary>The model's entry in the allowed models, when there is a list.</summary>
        public AllowedModel? Entry { get; }

        public bool Host { get; }

        public int Required { get; }

        public int Disabled { get; }

        public int Score { get; }

        public int Penalty { get; }

        /// <summary>
        /// libvirt's score of a guest list of <paramref name="required"/> features followed by <paramref name="disabled"/>
        /// disabled ones, reproduced literally: the loop bound shrinks with every disabled feature seen, so only the
        /// first ⌈d/2⌉ disabled features are penalised (2, 3, 4, ...) and the rest count as enabled.
        /// </summary>
        internal static (int Score, int Penalty) GuestScore(int required, int disabled)
        {
            var enabled = required + disabled;
            var penaltySum = 0;
            var penalty = 2;
            for (var i = 0; i < enabled; i++)
            {
                if (i >= required)
                {
                    enabled--;
                    penaltySum += penalty;
                    penalty++;
                }
            }

            return (enabled + penaltySum, penaltySum);
        }
    }

    private static void Skip(DecodeTrace? trace, ModelDefinition m, string reason) =>
        trace?.Steps.Add(new DecodeStep(m.Name, DecodeVerdict.Skipped, reason, 0, 0, 0, 0));
}
