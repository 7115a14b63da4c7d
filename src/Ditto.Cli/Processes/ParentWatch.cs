namespace Ditto.Cli.Processes;

/// <summary>
/// For parties started by `ditto demo --processes`: the parent keeps our stdin open, so end of input means the parent
/// is gone (even killed with SIGKILL). The party then exits instead of lingering until its timeouts.
/// </summary>
internal static class ParentWatch
{
    public static void Start(string label)
    {
        var thread = new Thread(() =>
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            try
            {
                while (input.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken pipe means the same: the parent is gone.
            }

            Console.Error.WriteLine($"{label}: error: the parent process ended; stopping.");
            Environment.Exit(1);
        })
        { IsBackground = true, Name = "ditto-parent-watch" };
        thread.Start();
    }
}
