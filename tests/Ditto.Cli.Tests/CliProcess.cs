using System.Diagnostics;

namespace Ditto.Cli.Tests;

/// <summary>
/// A `ditto` child process started the way a user would run the build output (`dotnet ditto.dll ...`), with its output
/// lines time-stamped on one clock shared by all children of a test.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly Process _process;
    private readonly List<(TimeSpan At, string Line)> _stdout = [];
    private readonly List<(TimeSpan At, string Line)> _stderr = [];

    private CliProcess(IEnumerable<string> arguments, IReadOnlyList<string>? wrapper = null)
    {
        // A wrapper (a script that enters a network namespace, say) runs `dotnet ditto.dll ...` as its command.
        var info = new ProcessStartInfo(wrapper is { Count: > 0 } ? wrapper[0] : DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var w in wrapper?.Skip(1).Append(DotnetHost) ?? [])
        {
            info.ArgumentList.Add(w);
        }

        info.ArgumentList.Add(DittoDll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Add(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_stderr, e.Data);
        _process.Exited += (_, _) => ExitedAt ??= Now;
        StartedAt = Now;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The CLI's build output, copied next to the tests by the project reference (or found in its own bin folder).</summary>
    public static string DittoDll { get; } = FindDitto();

    public static string DotnetHost { get; } = FindDotnet();

    public static TimeSpan Now => Clock.Elapsed;

    public int Pid => _process.Id;

    public TimeSpan StartedAt { get; }

    public TimeSpan? ExitedAt { get; private set; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stdout => Text(_stdout);

    public string Stderr => Text(_stderr);

    /// <summary>When a stderr line containing <paramref name="text"/> appeared, if it did.</summary>
    public TimeSpan? StderrLineAt(string text)
    {
        lock (_stderr)
        {
            return _stderr.Where(l => l.Line.Contains(text, StringComparison.Ordinal)).Select(l => (TimeSpan?)l.At).FirstOrDefault();
        }
    }

    public static CliProcess Start(params string[] arguments) => new(arguments);

    /// <summary>Starts `wrapper... dotnet ditto.dll arguments...`.</summary>
    public static CliProcess StartWrapped(IReadOnlyList<string> wrapper, params string[] arguments) => new(arguments, wrapper);

    /// <summary>Runs to the end (killing it after <paramref name="timeout"/>) and returns the finished process.</summary>
    public static CliProcess Run(TimeSpan timeout, params string[] arguments)
    {
        var p = Start(arguments);
        Assert.True(p.WaitForExit(timeout), $"ditto {string.Join(' ', arguments)} did not finish within {timeout}; stderr: {p.Stderr}");
        return p;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // drains the output readers
        ExitedAt ??= Now;
        return true;
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>Process ids of running processes whose command line contains <paramref name="marker"/> (Linux; empty elsewhere).</summary>
    public static List<int> RunningWith(string marker)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var zombie = stat.Length > stat.LastIndexOf(')') + 2 && stat[stat.LastIndexOf(')') + 2] == 'Z';
                if (!zombie && cmdline.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private static void Add(List<(TimeSpan, string)> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add((Now, line));
        }
    }

    private static string Text(List<(TimeSpan At, string Line)> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines.Select(l => l.Line));
        }
    }

    private static string FindDitto()
    {
        var next = Path.Combine(AppContext.BaseDirectory, "ditto.dll");
        if (File.Exists(next) && File.Exists(Path.Combine(AppContext.BaseDirectory, "ditto.runtimeconfig.json")))
        {
            return next;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "Ditto.Cli", "bin");
            if (Directory.Exists(bin))
            {
                var candidate = Directory.EnumerateFiles(bin, "ditto.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
                if (candidate is not null)
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("Cannot find the ditto CLI build output (ditto.dll); build src/Ditto.Cli first.");
    }

    private static string FindDotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists) ?? name;
    }
}
