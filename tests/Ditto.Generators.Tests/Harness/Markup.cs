using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Ditto.Generators.Tests.Harness;

/// <summary>
/// Source with expected diagnostics marked in place, as Roslyn's test markup: <c>{|DITTO0003:x.Data|}</c> expects
/// DITTO0003 exactly on <c>x.Data</c>. <see cref="Parse"/> removes the markers and returns the expected (id, span) pairs.
/// </summary>
public static class Markup
{
    public static (string Source, IReadOnlyList<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var text = new StringBuilder();
        var expected = new List<(string, TextSpan)>();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup[(i + 2)..colon], text.Length));
                i = colon;
                continue;
            }

            if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, text.Length)));
                i++;
                continue;
            }

            text.Append(markup[i]);
        }

        return (text.ToString(), expected);
    }
}
