namespace Ditto.Runtime.Description;

/// <summary>A parameter of a secure method: a secret tensor with its declared format, or a public value (null format).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Format">The declared format of a tensor parameter; null for a public parameter.</param>
public sealed record ParameterDescription(string Name, FormatDescription? Format)
{
    /// <summary>True for a tensor (secret) parameter.</summary>
    public bool IsSecure => Format is not null;
}
