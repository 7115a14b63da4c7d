using Ditto.Models.Synthetic;
using Ditto.Runtime.Description;

namespace Ditto.Models.Bert;

/// <summary>The inspection sample of <see cref="BertLayer"/> (`ditto inspect BertLayer`).</summary>
public sealed partial class BertLayer
{
    /// <summary>One BERT-base encoder layer with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("x=128x768")]
    public static BertLayer InspectionSample() => SyntheticModels.Bert(SyntheticModels.BertBase with { Layers = 1 }).Model.Layers[0];
}
