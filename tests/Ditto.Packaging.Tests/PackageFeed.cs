using System.Diagnostics;
using System.Text;

namespace Ditto.Packaging.Tests;

/// <summary>
/// Packs the repository once per test run into a folder feed, and gives each test a clean directory whose nuget.config
/// names only that feed and the usual package source. Restores go to a package folder of the run's own, so a package
/// packed by an earlier run is never taken from a cache; the machine's package folder is a read-only fallback, so
/// third-party packages the repository already restored are not downloaded again.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    /// <summary>The version the repository packs (Directory.Build.props).</summary>
    public const string Version = "0.1.0";

    public PackageFeed()
    {
        Root = Directory.CreateTempSubdirectory("ditto-packaging-").FullName;
        Feed = Path.Combine(Root, "feed");
        Repository = FindRepository();
        var pack = Run(Repository, TimeSpan.FromMinutes(10), "pack", Path.Combine(Repository, "Ditto.sln"), $"-p:PackageOutputPath={Feed}");
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{pack.Output}");
    }

    /// <summary>The run's temporary directory (the feed, the package folder, the tests' directories).</summary>
    public string Root { get; }

    /// <summary>The folder feed the packages are in.</summary>
    public string Feed { get; }

    /// <summary>The repository's root.</summary>
    public string Repository { get; }

    /// <summary>The .nupkg files in the feed.</summary>
    public IReadOnlyList<string> Packages => Directory.GetFiles(Feed, "*.nupkg");

    /// <summary>A new directory with a nuget.config of the feed, the usual source and the run's package folder.</summary>
    public string NewWorkspace(string name)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="ditto-feed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.Copy(Path.Combine(Repository, "global.json"), Path.Combine(directory, "global.json"));
        return directory;
    }

    /// <summary>Runs <c>dotnet</c> in a directory.</summary>
    public (int ExitCode, string Output) Run(string directory, TimeSpan timeout, params string[] arguments) =>
        RunProgram("dotnet", directory, timeout, arguments);

    /// <summary>Runs a program with a .NET home of the run's own; its standard output and error, interleaved, and its exit code.</summary>
    public (int ExitCode, string Output) RunProgram(string program, string directory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // Templates and tools are installed under this home, never the user's; no telemetry, no first-run banner.
        start.Environment["DOTNET_CLI_HOME"] = Path.Combine(Root, "home");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("NUGET_PACKAGES");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("VSTEST_HOST_DEBUG");

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes} min:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A tool's process may still hold a file for a moment; the temporary folder is the system's to clean.
        }
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ditto.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Ditto.sln not found above the test's output folder.");
    }
}
