using Ditto.Runtime.Backends;

namespace Ditto.Runtime.Description;

/// <summary>A secure method: its formats, parameters, inserted conversions, and an entry point that runs its twin on any backend.</summary>
public sealed class MethodDescription
{
    private readonly Func<object?, IBackend, object?[], Value> _invoke;

    /// <summary>Creates a description (the generator emits these).</summary>
    public MethodDescription(
        string name,
        int line,
        FormatDescription format,
        FormatDescription returnFormat,
        IReadOnlyList<ParameterDescription> parameters,
        IReadOnlyList<ConversionDescription> conversions,
        Func<object?, IBackend, object?[], Value> invoke)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Line = line;
        Format = format ?? throw new ArgumentNullException(nameof(format));
        ReturnFormat = returnFormat ?? throw new ArgumentNullException(nameof(returnFormat));
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        Conversions = conversions ?? throw new ArgumentNullException(nameof(conversions));
        _invoke = invoke ?? throw new ArgumentNullException(nameof(invoke));
    }

    /// <summary>The method's name.</summary>
    public string Name { get; }

    /// <summary>The 1-based source line of its declaration.</summary>
    public int Line { get; }

    /// <summary>The format its values are computed in.</summary>
    public FormatDescription Format { get; }

    /// <summary>The format of its result.</summary>
    public FormatDescription ReturnFormat { get; }

    /// <summary>Its parameters, in order.</summary>
    public IReadOnlyList<ParameterDescription> Parameters { get; }

    /// <summary>Every conversion the generator inserted in it, in source order.</summary>
    public IReadOnlyList<ConversionDescription> Conversions { get; }

    /// <summary>
    /// Runs the twin: <paramref name="model"/> is the instance (null for a static method), <paramref name="arguments"/>
    /// one per parameter: a backend <see cref="Value"/> for a tensor parameter, the public value otherwise.
    /// </summary>
    public Value Invoke(object? model, IBackend backend, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length != Parameters.Count)
        {
            throw new ArgumentException($"{Name} takes {Parameters.Count} arguments ({string.Join(", ", Parameters.Select(p => p.Name))}), not {arguments.Length}.", nameof(arguments));
        }

        return _invoke(model, backend, arguments);
    }
}
