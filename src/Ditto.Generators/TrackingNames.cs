namespace Ditto.Generators;

/// <summary>Names of the pipeline steps, for incremental-generation tests (<c>WithTrackingName</c>).</summary>
public static class TrackingNames
{
    /// <summary>The transform of each [SecureModel] type: its model and diagnostics, as values.</summary>
    public const string Parse = "Parse";

    /// <summary>The model alone (what the source output depends on).</summary>
    public const string Model = "Model";

    /// <summary>The diagnostics alone (what the diagnostics output depends on).</summary>
    public const string Diagnostics = "Diagnostics";
}
