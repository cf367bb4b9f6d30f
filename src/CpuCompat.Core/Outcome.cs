using System.Diagnostics.CodeAnalysis;
using CpuCompat.Core.Diagnostics;

namespace CpuCompat.Core;

/// <summary>The result of an engine operation: a value, or a <see cref="CpuError"/>. User mistakes never throw.</summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, CpuError? error)
    {
        _value = value;
        Error = error;
    }

    public CpuError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The value; only valid when <see cref="Succeeded"/>.</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"The operation failed: {Error.Message}");

    public static implicit operator Outcome<T>(T value) => new(value, null);

    /// <summary>A successful outcome (for values whose static type would not convert implicitly, such as interfaces).</summary>
    public static Outcome<T> From(T value) => new(value, null);

    public static implicit operator Outcome<T>(CpuError error) => new(default, error);

    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value!;
        return Error is null;
    }

    public Outcome<TOut> Then<TOut>(Func<T, Outcome<TOut>> next) => Error is null ? next(_value!) : Error;

    public Outcome<TOut> Select<TOut>(Func<T, TOut> map) => Error is null ? map(_value!) : Error;

    /// <summary>The same outcome; a failure says <paramref name="context"/> (the input it is about) first.</summary>
    public Outcome<T> In(string context) => Error is null ? this : Error.In(context);

    /// <summary>
    /// The same outcome; a failure about one of the operation's input CPUs (<see cref="CpuError.InputIndex"/>) says
    /// first where that CPU came from, <paramref name="inputs"/>[index] (a file and line, a host's name).
    /// </summary>
    public Outcome<T> NamingInputs(IReadOnlyList<string> inputs) =>
        Error is { InputIndex: { } index } && index < inputs.Count ? Error.In(inputs[index]) : this;

    public override string ToString() => Error is null ? $"{_value}" : $"error: {Error.Message}";
}

/// <summary>Shorthands for building errors.</summary>
public static class Errors
{
    public static CpuError Incompatible(string message) => new(CpuErrorKind.Incompatible, message);

    public static CpuError UnknownName(string message) => new(CpuErrorKind.UnknownName, message);

    public static CpuError Invalid(string message) => new(CpuErrorKind.InvalidInput, message);

    public static CpuError NoModel(string message) => new(CpuErrorKind.NoSuitableModel, message);

    public static CpuError Unsupported(string message) => new(CpuErrorKind.Unsupported, message);

    /// <summary>An input error found by a reader, in its one-line form (<c>file:line:column: error CODE: message</c>).</summary>
    public static CpuError From(Diagnostic diagnostic) => new(CpuErrorKind.InvalidInput, diagnostic.ToString()) { Diagnostic = diagnostic };
}

/// <summary>The value of operations that succeed without a result.</summary>
public readonly record struct Unit;
