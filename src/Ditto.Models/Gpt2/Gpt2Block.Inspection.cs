using Ditto.Models.Synthetic;
using Ditto.Runtime.Description;

namespace Ditto.Models.Gpt2;

/// <summary>The inspection sample of <see cref="Gpt2Block"/> (`ditto inspect Gpt2Block`).</summary>
public sealed partial class Gpt2Block
{
    /// <summary>One GPT-2 small block with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("x=128x768")]
    public static Gpt2Block InspectionSample() => SyntheticModels.Gpt2(SyntheticModels.Gpt2Small with { Layers = 1 }).Model.Blocks[0];
}
