namespace Ditto.Models.Weights;

/// <summary>The element types of the safetensors format. Only <see cref="F32"/>, <see cref="F16"/> and <see cref="BF16"/> load as model weights; the others are recognised so a header that uses them is still validated.</summary>
public enum SafeTensorDType
{
    /// <summary>IEEE float32.</summary>
    F32,

    /// <summary>IEEE float16.</summary>
    F16,

    /// <summary>bfloat16 (the upper half of a float32).</summary>
    BF16,

    /// <summary>IEEE float64.</summary>
    F64,

    /// <summary>Signed 64-bit integer.</summary>
    I64,

    /// <summary>Signed 32-bit integer.</summary>
    I32,

    /// <summary>Signed 16-bit integer.</summary>
    I16,

    /// <summary>Signed 8-bit integer.</summary>
    I8,

    /// <summary>Unsigned 64-bit integer.</summary>
    U64,

    /// <summary>Unsigned 32-bit integer.</summary>
    U32,

    /// <summary>Unsigned 16-bit integer.</summary>
    U16,

    /// <summary>Unsigned 8-bit integer.</summary>
    U8,

    /// <summary>Boolean, one byte each.</summary>
    Bool,

    /// <summary>8-bit float, 4 exponent and 3 mantissa bits.</summary>
    F8E4M3,

    /// <summary>8-bit float, 5 exponent and 2 mantissa bits.</summary>
    F8E5M2,
}

/// <summary>Names and sizes of <see cref="SafeTensorDType"/>.</summary>
public static class SafeTensorDTypes
{
    private static readonly (string Name, SafeTensorDType Type, int Size)[] Table =
    [
        ("F32", SafeTensorDType.F32, 4), ("F16", SafeTensorDType.F16, 2), ("BF16", SafeTensorDType.BF16, 2),
        ("F64", SafeTensorDType.F64, 8), ("I64", SafeTensorDType.I64, 8), ("I32", SafeTensorDType.I32, 4),
        ("I16", SafeTensorDType.I16, 2), ("I8", SafeTensorDType.I8, 1), ("U64", SafeTensorDType.U64, 8),
        ("U32", SafeTensorDType.U32, 4), ("U16", SafeTensorDType.U16, 2), ("U8", SafeTensorDType.U8, 1),
        ("BOOL", SafeTensorDType.Bool, 1), ("F8_E4M3", SafeTensorDType.F8E4M3, 1), ("F8_E5M2", SafeTensorDType.F8E5M2, 1),
    ];

    /// <summary>The names the format defines, for error messages.</summary>
    public static string KnownNames => string.Join(", ", Table.Select(t => t.Name));

    /// <summary>Parses a header's dtype string (case-sensitive, as the format specifies).</summary>
    public static bool TryParse(string name, out SafeTensorDType type)
    {
        foreach (var entry in Table)
        {
            if (entry.Name == name)
            {
                type = entry.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The header name of a type ("BF16").</summary>
    public static string Name(this SafeTensorDType type) => Table.First(t => t.Type == type).Name;

    /// <summary>Bytes per element.</summary>
    public static int Size(this SafeTensorDType type) => Table.First(t => t.Type == type).Size;

    /// <summary>True for the types that load as float weights.</summary>
    public static bool IsFloatWeight(this SafeTensorDType type) => type is SafeTensorDType.F32 or SafeTensorDType.F16 or SafeTensorDType.BF16;
}
