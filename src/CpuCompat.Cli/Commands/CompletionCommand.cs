using System.CommandLine;
using CpuCompat.Cli.Infrastructure;

namespace CpuCompat.Cli.Commands;

/// <summary><c>cpucompat completion bash|zsh</c>: a shell completion script built on System.CommandLine's <c>[suggest]</c> directive.</summary>
internal static class CompletionCommand
{
    // The script hands the command line (without the program name) to `cpucompat [suggest:POSITION]`, which
    // answers with the commands, options and option values that fit there, one a line.
    private const string Bash = """
        # cpucompat completion for bash: eval "$(cpucompat completion bash)" (or save it in /etc/bash_completion.d/cpucompat)
        _cpucompat_complete() {
            local IFS=$'\n'
            local program="${COMP_WORDS[0]}"
            local line="${COMP_LINE:${#program}}"
            line="${line# }"
            local position=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))
            COMPREPLY=( $(compgen -W "$("$program" "[suggest:${position}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _cpucompat_complete cpucompat

        """;

    private const string Zsh = """
        # cpucompat completion for zsh: eval "$(cpucompat completion zsh)"
        autoload -U +X bashcompinit && bashcompinit

        """;

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", """
            Print a shell completion script for commands, options and their values.

            Example:
              eval "$(cpucompat completion bash)"
            """)
        {
            shell,
        };
        command.SetAction(parse =>
        {
            context.Write(parse.GetValue(shell) == "zsh" ? Zsh + Bash : Bash);
            return ExitCodes.Success;
        });
        return command;
    }
}
