using System;
using System.Text;

namespace Ditto.Generators.Helpers;

/// <summary>
/// An indenting writer for generated source (after System.Text.Json's SourceWriter): four spaces per level, every line
/// of multi-line input indented, '\n' line endings, and a check that the indentation is back to zero at the end.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();

    public int Indentation { get; private set; }

    public void Indent() => Indentation++;

    public void Unindent()
    {
        if (Indentation == 0)
        {
            throw new InvalidOperationException("The source writer's indentation is already 0.");
        }

        Indentation--;
    }

    public void OpenBrace()
    {
        WriteLine("{");
        Indent();
    }

    public void CloseBrace(string suffix = "")
    {
        Unindent();
        WriteLine("}" + suffix);
    }

    public void WriteLine() => _builder.Append('\n');

    public void WriteLine(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length == 0)
            {
                _builder.Append('\n');
                continue;
            }

            _builder.Append(' ', 4 * Indentation).Append(line).Append('\n');
        }
    }

    public override string ToString()
    {
        if (Indentation != 0)
        {
            throw new InvalidOperationException($"The source writer ended at indentation {Indentation}, not 0.");
        }

        return _builder.ToString();
    }
}
