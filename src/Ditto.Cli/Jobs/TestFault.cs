using System.Diagnostics;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Transport;

namespace Ditto.Cli.Jobs;

/// <summary>
/// A fault a party plays on purpose, for the process-level fault tests (hidden options of `ditto party`): at its k-th
/// protocol step (1 = setup; 0 = before connecting) it kills its own process (exit), stops answering (hang), or sends
/// each peer a 3-byte message no protocol expects (garbage) and carries on.
/// </summary>
internal sealed record TestFault(int AfterSteps, string Mode)
{
    public static readonly string[] Modes = ["exit", "hang", "garbage"];

    public void BeforeConnect(string label)
    {
        if (AfterSteps == 0)
        {
            Die(label, "before connecting");
        }
    }

    public void Attach(ProgressMonitor monitor, ITransport transport, string label)
    {
        monitor.ProtocolStarted += (count, step) =>
        {
            if (count != AfterSteps)
            {
                return;
            }

            switch (Mode)
            {
                case "hang":
                    Console.Error.WriteLine($"{label}: test fault: stops answering at step {count} ({step})");
                    Thread.Sleep(Timeout.Infinite);
                    break;
                case "garbage":
                    Console.Error.WriteLine($"{label}: test fault: sends garbage at step {count} ({step})");
                    foreach (var peer in Enumerable.Range(0, 3).Where(p => p != transport.PartyId))
                    {
                        transport.Send(peer, new FrameHeader(0, false), [0xBA, 0xD0, 0x0D]);
                    }

                    break;
                default:
                    Die(label, $"at step {count} ({step})");
                    break;
            }
        };
    }

    private static void Die(string label, string where)
    {
        Console.Error.WriteLine($"{label}: test fault: killing this process {where}");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
