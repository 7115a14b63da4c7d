using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ditto.Cli.Tests;

/// <summary>A deployment made by `ditto keygen` in a temporary folder, on three free loopback ports, with short timeouts.</summary>
public sealed class LoopbackDeployment : IDisposable
{
    public const double ConnectTimeout = 5;
    public const double ReceiveTimeout = 3;

    public LoopbackDeployment()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ditto-cli-test-").FullName;
        var keygen = CliProcess.Run(TimeSpan.FromSeconds(60), "keygen", "--out", Directory, "--base-port", FreeRange().ToString(CultureInfo.InvariantCulture),
            "--connect-timeout", ConnectTimeout.ToString(CultureInfo.InvariantCulture), "--receive-timeout", ReceiveTimeout.ToString(CultureInfo.InvariantCulture));
        Assert.True(keygen.ExitCode == 0, keygen.Stderr);
    }

    public string Directory { get; }

    public string Config => Path.Combine(Directory, "parties.json");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>Starts the three parties; extra arguments per party id.</summary>
    public CliProcess[] StartParties(string session, Func<int, string[]>? extra = null) =>
        [.. Enumerable.Range(0, 3).Select(id => CliProcess.Start(
            ["party", "--config", Config, "--id", id.ToString(CultureInfo.InvariantCulture), "--seed", "5", "--session", session, "--watch-stdin", .. extra?.Invoke(id) ?? []]))];

    /// <summary>Three consecutive ports that are free now.</summary>
    private static int FreeRange()
    {
        var random = new Random();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var start = random.Next(20000, 32000);
            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    var l = new TcpListener(IPAddress.Loopback, start + i);
                    l.Start();
                    listeners.Add(l);
                }

                return start;
            }
            catch (SocketException)
            {
                // Taken: try another range.
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException("No three consecutive free ports found.");
    }
}
