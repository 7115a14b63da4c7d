using System.CommandLine;

namespace Ditto.Cli.Commands;

/// <summary>Runs the command line: a failure prints one clear line on stderr and exits with 1, never a stack trace.</summary>
internal static class CommandRunner
{
    public static int Invoke(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"ditto: {e.Message}");
            if (Environment.GetEnvironmentVariable("DITTO_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return 1;
        }
    }
}
