namespace Ditto.Runtime.Description;

/// <summary>A weight of a secure model.</summary>
/// <param name="Name">The field or property name.</param>
/// <param name="Format">Its declared format; null when it takes the format of each method that reads it.</param>
public sealed record WeightDescription(string Name, FormatDescription? Format);
