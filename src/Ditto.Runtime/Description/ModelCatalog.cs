using System.Reflection;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Description;

/// <summary>A secure model found in an assembly: its description and, when it has one, its inspection sample.</summary>
/// <param name="Description">The generated description.</param>
/// <param name="Sample">The method marked [InspectionSample], or null.</param>
public sealed record CatalogEntry(ModelDescription Description, MethodInfo? Sample)
{
    /// <summary>The model's simple name.</summary>
    public string Name => Description.Name;

    /// <summary>The sample's example shapes (parameter name → shape), empty without a sample.</summary>
    public IReadOnlyDictionary<string, TensorShape> SampleShapes =>
        Sample?.GetCustomAttribute<InspectionSampleAttribute>() is { } a ? ModelCatalog.ParseShapes(a.Shapes) : new Dictionary<string, TensorShape>();

    /// <summary>The method the sample's shapes are for.</summary>
    public string? SampleMethod => Sample?.GetCustomAttribute<InspectionSampleAttribute>()?.Method;

    /// <summary>The sample's values of public parameters as written, "length=128" (empty without a sample or arguments).</summary>
    public string SampleArguments => Sample?.GetCustomAttribute<InspectionSampleAttribute>()?.Arguments ?? string.Empty;

    /// <summary>An instance for inspection: the sample, else a public parameterless constructor, else null (static models need none).</summary>
    public object? CreateInstance()
    {
        if (Sample is not null)
        {
            return Sample.Invoke(null, null);
        }

        if (Description.ModelType.IsAbstract && Description.ModelType.IsSealed)
        {
            return null; // a static class
        }

        return Description.ModelType.GetConstructor(Type.EmptyTypes) is { } ctor
            ? ctor.Invoke(null)
            : throw new InvalidOperationException($"The secure model {Name} has no [InspectionSample] method and no public parameterless constructor, so it cannot be instantiated for a cost estimate.");
    }
}

/// <summary>
/// The secure models of a set of assemblies, found through the <see cref="SecureModelTypeAttribute"/> list the
/// generator emits; this is how <c>ditto inspect</c> discovers models (register an assembly to add its models).
/// </summary>
public static class ModelCatalog
{
    /// <summary>The models of these assemblies, by name.</summary>
    public static IReadOnlyList<CatalogEntry> FromAssemblies(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var entries = new List<CatalogEntry>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var a in assembly.GetCustomAttributes<SecureModelTypeAttribute>())
            {
                if (ModelDescription.Of(a.ModelType) is { } description)
                {
                    var sample = a.ModelType.GetMethods(BindingFlags.Public | BindingFlags.Static)
                        .FirstOrDefault(m => m.GetCustomAttribute<InspectionSampleAttribute>() is not null && m.GetParameters().Length == 0);
                    entries.Add(new CatalogEntry(description, sample));
                }
            }
        }

        return [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>Parses "x=4x16;mask=4x4" (also ',' between entries when each has '=').</summary>
    public static IReadOnlyDictionary<string, TensorShape> ParseShapes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shapes = new Dictionary<string, TensorShape>(StringComparer.Ordinal);
        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{item}' is not a shape for a parameter; expected name=dims, for example x=4x16.");
            }

            shapes[item[..eq].Trim()] = TensorShape.Parse(item[(eq + 1)..]);
        }

        return shapes;
    }
}
