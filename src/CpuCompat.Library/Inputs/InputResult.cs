using System.Collections.Immutable;
using CpuCompat.Core;

namespace CpuCompat.Inputs;

/// <summary>
/// What reading one input gave: the value or the error (an <see cref="Outcome{T}"/>), and the warnings and notes
/// worth telling a person either way (a forced format that looks like another, a dump taken in a VM), one line each.
/// </summary>
public sealed record InputResult<T>(Outcome<T> Outcome, ImmutableArray<string> Messages)
{
    public bool Succeeded => Outcome.Succeeded;

    public T Value => Outcome.Value;

    public CpuError? Error => Outcome.Error;

    public static implicit operator InputResult<T>(CpuError error) => new(error, []);

    /// <summary>The next step on the value, keeping the messages so far.</summary>
    public InputResult<TOut> Then<TOut>(Func<T, Outcome<TOut>> next) => new(Outcome.Then(next), Messages);
}
