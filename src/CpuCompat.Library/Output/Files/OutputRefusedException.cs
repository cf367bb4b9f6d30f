namespace CpuCompat.Output.Files;

/// <summary>An output the rules forbid writing (a directory, an existing file without --force): the message is the user's one line.</summary>
public sealed class OutputRefusedException(string message) : Exception(message);
