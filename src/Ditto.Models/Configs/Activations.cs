namespace Ditto.Models.Configs;

/// <summary>Maps Hugging Face activation names to the DSL's <see cref="GeluVariant"/>.</summary>
public static class Activations
{
    /// <summary>The names understood: gelu (erf), gelu_new / gelu_pytorch_tanh / gelu_fast (tanh), quad (MPCFormer).</summary>
    public const string Known = "gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, quad";

    /// <summary>The variant for a name, or null when the name is unknown.</summary>
    public static GeluVariant? Parse(string? name) => name switch
    {
        "gelu" => GeluVariant.Erf,
        "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => GeluVariant.Tanh,
        "quad" => GeluVariant.Quad,
        _ => null,
    };
}
