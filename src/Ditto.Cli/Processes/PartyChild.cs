using System.Diagnostics;
using System.Text;

namespace Ditto.Cli.Processes;

/// <summary>One `ditto party` child process with its stdout and stderr captured.</summary>
internal sealed class PartyChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public PartyChild(int id, ProcessStartInfo info)
    {
        Id = id;
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Exited += (_, _) => ExitedAt ??= DateTime.UtcNow;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public DateTime? ExitedAt { get; private set; }

    public int ExitCode => _process.ExitCode;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>The last non-empty stderr line (the party's one-line error), or empty.</summary>
    public string LastError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
            }
        }
    }

    /// <summary>Waits for the process and for its output to be read to the end.</summary>
    public void WaitForOutput() => _process.WaitForExit();

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
