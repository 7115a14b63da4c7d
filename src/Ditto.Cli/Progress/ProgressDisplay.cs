using System.Globalization;
using Ditto.Runtime.Ledger;
using Spectre.Console;

namespace Ditto.Cli.Progress;

/// <summary>
/// A one-line live status on stderr for long runs: the protocol step being run (with its scope), bytes sent so far, elapsed time and, when the
/// job's scopes are known, the estimated time left. Shown only when stderr is a terminal and JSON output was not
/// asked for, so piped and --json output stay clean.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread? _thread;

    public ProgressDisplay(ProgressMonitor monitor, string title, bool enabled)
    {
        if (!enabled)
        {
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        _thread = new Thread(() => console.Status().Start(Markup.Escape(title), context =>
        {
            while (!_stop.Wait(TimeSpan.FromMilliseconds(200)))
            {
                context.Status(Markup.Escape(Describe(monitor, title)));
            }
        }))
        { IsBackground = true, Name = "ditto-progress" };
        _thread.Start();
    }

    /// <summary>Whether a live display belongs on this terminal.</summary>
    public static bool ShouldShow(bool json) => !json && !Console.IsErrorRedirected;

    public static string Describe(ProgressMonitor monitor, string title)
    {
        var ci = CultureInfo.InvariantCulture;
        var step = monitor.Step.Length == 0 ? "connecting" : monitor.Step;
        var text = string.Format(ci, "{0}: {1} | {2:N0} bytes sent | {3:0.0} s", title, step, monitor.BytesSent, monitor.Elapsed.TotalSeconds);
        return monitor.Remaining is { } left ? text + string.Format(ci, " | about {0:0.0} s left", left.TotalSeconds) : text;
    }

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
