using System.Runtime.InteropServices;

namespace CpuCompat.Cli.Infrastructure;

/// <summary>
/// Ctrl-C and SIGTERM for a real process: outside a write the process ends at once with exit code 130; during a write
/// the signal cancels it (the staged files are removed, the targets untouched) and the process ends with 130 when the
/// write has unwound. Nothing is ever half-written, and a long computation is not held up waiting for a check.
/// </summary>
internal sealed class Interruption : IDisposable
{
    public const int ExitCode = 130;

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _writers;

    private Interruption(bool register) =>
        _registrations = register
            ? [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)]
            : [];

    /// <summary>Handles the signals of this process.</summary>
    public static Interruption ForProcess() => new(register: true);

    /// <summary>Never interrupted: runs inside a test or another program, whose signals are its own.</summary>
    public static Interruption None() => new(register: false);

    public CancellationToken Token => _cancel.Token;

    /// <summary>Marks a write in progress; a signal meanwhile cancels <see cref="Token"/> and ends the process when the scope ends.</summary>
    public Scope Writing()
    {
        lock (_gate)
        {
            _writers++;
        }

        return new Scope(this);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext signal)
    {
        signal.Cancel = true;
        lock (_gate)
        {
            _cancel.Cancel();
            if (_writers == 0)
            {
                Environment.Exit(ExitCode);
            }
        }
    }

    private void EndWriting()
    {
        lock (_gate)
        {
            if (--_writers == 0 && _cancel.IsCancellationRequested)
            {
                Environment.Exit(ExitCode);
            }
        }
    }

    public readonly struct Scope(Interruption owner) : IDisposable
    {
        public void Dispose() => owner.EndWriting();
    }
}
