using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Ditto.Generators.Tests.Harness;

/// <summary>
/// Snapshot assertions with Verify's conventions, without Verify: the expected text is checked in as
/// <c>Snapshots/&lt;name&gt;.verified.cs</c> next to the tests; on a mismatch the actual text is written as
/// <c>&lt;name&gt;.received.cs</c> beside it and the failure shows a line diff. Set DITTO_ACCEPT_SNAPSHOTS=1 to accept
/// (write the received text as the new baseline). The generator's version is replaced by %VERSION%; line endings are '\n'.
/// </summary>
public static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        var normalized = Normalize(actual);
        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable("DITTO_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalized);
        var message = new StringBuilder();
        message.AppendLine(expected is null
            ? $"No snapshot {verified} yet; the received text is in {received}. Review it and run with DITTO_ACCEPT_SNAPSHOTS=1 to accept."
            : $"The generated code differs from {verified} (received: {received}). Run with DITTO_ACCEPT_SNAPSHOTS=1 to accept.");
        message.Append(Diff(expected ?? string.Empty, normalized));
        Assert.Fail(message.ToString());
    }

    public static string Normalize(string text)
    {
        var version = typeof(SecureModelGenerator).Assembly.GetName().Version!.ToString();
        return text.Replace("\r\n", "\n").Replace($"\"{version}\"", "\"%VERSION%\"");
    }

    /// <summary>A unified-style diff of the lines that changed (with 2 lines of context).</summary>
    public static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var lines = diff.Lines;
        var show = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type != ChangeType.Unchanged)
            {
                for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++)
                {
                    show[j] = true;
                }
            }
        }

        var text = new StringBuilder();
        var skipped = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!show[i])
            {
                skipped = true;
                continue;
            }

            if (skipped)
            {
                text.AppendLine("  ...");
                skipped = false;
            }

            var prefix = lines[i].Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            text.Append(prefix).Append(lines[i].Position is { } p ? $"{p,4}: " : "      ").AppendLine(lines[i].Text);
        }

        return text.ToString();
    }
}
