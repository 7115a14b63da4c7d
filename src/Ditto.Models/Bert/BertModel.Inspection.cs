using Ditto.Models.Synthetic;
using Ditto.Runtime.Description;

namespace Ditto.Models.Bert;

/// <summary>The inspection sample of <see cref="BertModel"/> (`ditto inspect BertModel`).</summary>
public sealed partial class BertModel
{
    /// <summary>BERT-base (bert-base-uncased's sizes) with placeholder weights, for 128 tokens.</summary>
    [InspectionSample("oneHotTokens=128x30522", Arguments = "length=128")]
    public static BertModel InspectionSample() => SyntheticModels.Bert(SyntheticModels.BertBase).Model;
}
