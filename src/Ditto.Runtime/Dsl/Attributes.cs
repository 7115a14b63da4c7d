namespace Ditto;

/// <summary>
/// Marks a partial class as a secure model: the source generator emits, for each public method over <see cref="Tensor"/>,
/// a twin that runs on any backend (float reference, fixed-point emulator, three-party engine).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SecureModelAttribute : Attribute
{
}

/// <summary>
/// The fixed-point format of a model (default for its methods), a method (its values), a parameter, a return value or a
/// weight. The most specific annotation wins. Either a ring and fraction bits, or a named precision resolved by the
/// precision plan at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class FixedPointAttribute : Attribute
{
    /// <summary>A concrete format: ring bits (32 or 64) and fraction bits.</summary>
    public FixedPointAttribute(int ringBits, int fractionBits)
    {
        RingBits = ringBits;
        FractionBits = fractionBits;
    }

    /// <summary>A named precision, for example <see cref="Precision.Linear"/>.</summary>
    public FixedPointAttribute(string precision)
    {
        PrecisionName = precision;
    }

    /// <summary>Ring bits of a concrete format, else 0.</summary>
    public int RingBits { get; }

    /// <summary>Fraction bits of a concrete format, else 0.</summary>
    public int FractionBits { get; }

    /// <summary>The named precision, else null.</summary>
    public string? PrecisionName { get; }
}

/// <summary>
/// Marks a field or property of type <see cref="Tensor"/> as a model weight: owned by the model owner, secret-shared
/// once per session and cached.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class WeightAttribute : Attribute
{
}

/// <summary>
/// Declares that the precision plans used with this assembly define a named precision besides the built-in Linear and
/// NonLinear (<c>[assembly: DefinesPrecision("Activation")]</c>), so the generator does not warn (DITTO0011) where a model
/// uses it. A plan that still lacks the name fails at run time with an error naming the model, the precision and the plan.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class DefinesPrecisionAttribute(string name) : Attribute
{
    /// <summary>The named precision.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// Pins an op (by its name in the op library: "Gelu", "Silu", "Softmax", "CausalSoftmax") for a model or a method and everything
/// it calls: no preset replaces it by a different function, and the fixed-point backends compute the approximation of
/// the model's own definition (an erf-GeLU stays erf-GeLU under the ditto preset, whose GeLU is MPCFormer's quad).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PinOpAttribute(string op) : Attribute
{
    /// <summary>The pinned op.</summary>
    public string Op { get; } = op;
}

/// <summary>
/// Marks a tensor parameter of a secure model method as public: values every party computes from public inputs alone
/// (positions, lengths, configuration — RoPE's cos/sin tables, masks, constant vectors). A public tensor is never
/// secret-shared; its product with a secret value is local (no message). The generator reports a secret argument for
/// it as DITTO0014. Tensors computed only from public values inside a method are public without an attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PublicAttribute : Attribute
{
}
