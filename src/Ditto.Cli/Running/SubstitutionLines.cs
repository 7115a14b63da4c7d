using Ditto.Runtime.Functions;
using Spectre.Console;

namespace Ditto.Cli.Running;

/// <summary>What a preset computes in place of the ops whose algorithm it chooses, one line each; a different function is marked.</summary>
internal static class SubstitutionLines
{
    public static void Write(Approximations approximations)
    {
        foreach (var s in approximations.Substitutions())
        {
            var mark = s.ChangesMeaning ? " [yellow](a different function; [[PinOp]] keeps the model's own)[/]" : string.Empty;
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(s.Op)} → {Markup.Escape(s.Becomes)}[/]{mark}");
        }
    }
}
