using System.Diagnostics;
using System.Reflection;

namespace Ditto.Cli.Processes;

/// <summary>
/// How to start this same `ditto` again as a child process, whether it runs as its app host or as `dotnet ditto.dll`
/// (dotnet run, tests), optionally through a wrapper command (`ip netns exec NS`).
/// </summary>
internal static class SelfCommand
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyList<string>? wrapper = null)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable is running, so cannot start the party processes.");
        var info = new ProcessStartInfo(wrapper is { Count: > 0 } ? wrapper[0] : host)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (wrapper is { Count: > 0 })
        {
            foreach (var part in wrapper.Skip(1).Append(host))
            {
                info.ArgumentList.Add(part);
            }
        }

        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var assembly = Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(assembly))
            {
                throw new InvalidOperationException("Running under `dotnet` but the entry assembly has no path; cannot start the party processes.");
            }

            info.ArgumentList.Add(assembly);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
