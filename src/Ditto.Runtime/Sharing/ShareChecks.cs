using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Sharing;

/// <summary>Checks shared by the protocols, with messages that name the shapes and formats involved.</summary>
internal static class ShareChecks
{
    public static void SameShape(string operation, TensorShape left, TensorShape right)
    {
        if (left != right)
        {
            throw new ArgumentException($"{operation}: operand shapes differ: [{left}] and [{right}].");
        }
    }

    public static void SameFormat(string operation, FixedPointFormat left, FixedPointFormat right)
    {
        if (left != right)
        {
            throw new ArgumentException($"{operation}: operand formats differ: {left} and {right}; convert one with Cast first.");
        }
    }

    public static void SameRing(string operation, FixedPointFormat left, FixedPointFormat right)
    {
        if (left.RingBits != right.RingBits)
        {
            throw new ArgumentException($"{operation}: operands live in different rings: {left} and {right}; convert one with Cast first.");
        }
    }

    public static void Owner(int owner)
    {
        if (owner is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(owner), owner, $"Party id must be 0, 1 or 2, not {owner}.");
        }
    }
}
