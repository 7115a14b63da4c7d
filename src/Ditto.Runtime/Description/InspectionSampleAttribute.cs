namespace Ditto.Runtime.Description;

/// <summary>
/// Marks a public static parameterless method of a secure model that builds an instance for <c>ditto inspect</c> (its
/// weights may be placeholders: a cost estimate needs only their shapes), with example input shapes for one method.
/// </summary>
/// <param name="shapes">Input shapes by parameter, "x=4x16" or "x=1x128x768;mask=1x128".</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InspectionSampleAttribute(string shapes) : Attribute
{
    /// <summary>Input shapes by parameter name.</summary>
    public string Shapes { get; } = shapes;

    /// <summary>The method the shapes are for (default: Forward, else the first method).</summary>
    public string? Method { get; init; }

    /// <summary>Values of the method's public parameters for the example, "length=128" or "start=0;length=16" (default: none).</summary>
    public string? Arguments { get; init; }
}
