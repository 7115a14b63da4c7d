namespace Ditto;

/// <summary>Which GeLU a model itself uses (its plaintext definition). Fixed-point backends approximate Erf and Tanh as the preset says; Quad is exact in every backend.</summary>
public enum GeluVariant
{
    /// <summary>0.5·x·(1 + erf(x/√2)), as BERT uses.</summary>
    Erf,

    /// <summary>0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), GPT-2's gelu_new.</summary>
    Tanh,

    /// <summary>0.125·x² + 0.25·x + 0.5, MPCFormer's quad, for models distilled for it.</summary>
    Quad,
}
