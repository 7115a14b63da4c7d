namespace Ditto.Runtime.Description;

/// <summary>
/// The static description of a secure model, emitted by the generator as the model's <c>ModelDescription</c> property:
/// the format of every method, parameter and weight, and every conversion it inserted (from, to, why, line).
/// <see cref="CostEstimator"/> runs a method on a cost-estimating backend to price it for given shapes.
/// </summary>
public sealed class ModelDescription
{
    /// <summary>Creates a description (the generator emits these).</summary>
    public ModelDescription(Type modelType, string name, FormatDescription defaultFormat, IReadOnlyList<WeightDescription> weights, IReadOnlyList<MethodDescription> methods)
    {
        ModelType = modelType ?? throw new ArgumentNullException(nameof(modelType));
        Name = name ?? throw new ArgumentNullException(nameof(name));
        DefaultFormat = defaultFormat ?? throw new ArgumentNullException(nameof(defaultFormat));
        Weights = weights ?? throw new ArgumentNullException(nameof(weights));
        Methods = methods ?? throw new ArgumentNullException(nameof(methods));
    }

    /// <summary>The model type.</summary>
    public Type ModelType { get; }

    /// <summary>The model's simple name.</summary>
    public string Name { get; }

    /// <summary>The model's default format (its class annotation, or the named precision Linear).</summary>
    public FormatDescription DefaultFormat { get; }

    /// <summary>Its weights.</summary>
    public IReadOnlyList<WeightDescription> Weights { get; }

    /// <summary>Its secure methods, in source order.</summary>
    public IReadOnlyList<MethodDescription> Methods { get; }

    /// <summary>The method of a name (ordinal, then case-insensitive), or throws listing the methods.</summary>
    public MethodDescription Method(string name) =>
        Methods.FirstOrDefault(m => m.Name == name)
        ?? Methods.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"The secure model {Name} has no method '{name}'; it has {string.Join(", ", Methods.Select(m => m.Name))}.");

    /// <summary>The description a model type carries (its generated static <c>ModelDescription</c> property), or null.</summary>
    public static ModelDescription? Of(Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        return modelType.GetProperty("ModelDescription", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as ModelDescription;
    }
}
