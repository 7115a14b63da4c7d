using Ditto.Models.Synthetic;
using Ditto.Runtime.Description;

namespace Ditto.Models.Gpt2;

/// <summary>The inspection sample of <see cref="Gpt2Model"/> (`ditto inspect Gpt2Model`).</summary>
public sealed partial class Gpt2Model
{
    /// <summary>GPT-2 small with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("oneHotTokens=128x50257", Arguments = "length=128")]
    public static Gpt2Model InspectionSample() => SyntheticModels.Gpt2(SyntheticModels.Gpt2Small).Model;
}
