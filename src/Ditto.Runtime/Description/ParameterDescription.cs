namespace Ditto.Runtime.Description;

/// <summary>A parameter of a secure method: a secret tensor with its declared format, or a public value of a type.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Format">The declared format of a tensor parameter; null for a public parameter.</param>
/// <param name="Type">The type of a public parameter; null for a tensor parameter.</param>
/// <param name="HasDefault">True when a public parameter has a default value.</param>
/// <param name="DefaultValue">That default value.</param>
public sealed record ParameterDescription(string Name, FormatDescription? Format, Type? Type = null, bool HasDefault = false, object? DefaultValue = null)
{
    /// <summary>True for a tensor (secret) parameter.</summary>
    public bool IsSecure => Format is not null;
}
