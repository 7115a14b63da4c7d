using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Ledger;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Protocols.Arithmetic;

/// <summary>
/// A party's private input becomes a replicated sharing (SPU's V2A). The owner o takes x_o and x_{o+1} from the PRSS
/// streams it shares with its neighbours (no messages) and sends x_{o+2} = v − x_o − x_{o+1} to both of them.
/// Cost: 2 ring words per element, all sent by the owner; 1 round.
/// </summary>
public static class InputSharing
{
    /// <summary>Input sharing of n elements: the owner sends the third component to both peers, 2k bits per element; 1 round.</summary>
    public static ProtocolCost Cost(int k, long n) => new(2.0 * k / 8 * n, 1);

    /// <summary>Shares ring values owned by <paramref name="owner"/>. Only the owner's <paramref name="values"/> are read.</summary>
    public static ArithmeticShare<T> ShareRing<T>(this Party party, int owner, ReadOnlySpan<T> values, TensorShape shape, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ShareChecks.Owner(owner);
        using var _ = party.Ledger.Protocol("input");
        var n = shape.Elements;
        var first = new T[n];
        var second = new T[n];
        var comm = party.Comm;
        if (party.Id == owner)
        {
            if (values.Length != n)
            {
                throw new ArgumentException($"Party {owner} supplies {values.Length} values for an input of shape [{shape}] ({n} elements).", nameof(values));
            }

            party.Random.WithPrevious.Fill(first.AsSpan());
            party.Random.WithNext.Fill(second.AsSpan());
            var third = new T[n];
            for (var i = 0; i < n; i++)
            {
                third[i] = values[i] - first[i] - second[i];
            }

            comm.Send<T>(comm.Next, third);
            comm.Send<T>(comm.Previous, third);
        }
        else if (party.Id == (owner + 1) % 3)
        {
            party.Random.WithPrevious.Fill(first.AsSpan());
            comm.Receive(comm.Previous, second.AsSpan());
        }
        else
        {
            comm.Receive(comm.Next, first.AsSpan());
            party.Random.WithNext.Fill(second.AsSpan());
        }

        return new ArithmeticShare<T>(shape, format, first, second);
    }

    /// <summary>Encodes the owner's floats in <paramref name="format"/> and shares them. Other parties pass null.</summary>
    public static ArithmeticShare Share(this Party party, int owner, float[]? values, TensorShape shape, FixedPointFormat format)
    {
        ShareChecks.Owner(owner);
        if (party.Id == owner && values is null)
        {
            throw new ArgumentNullException(nameof(values), $"Party {owner} owns the input of shape [{shape}] and must supply its values.");
        }

        return format.RingBits == 32 ? Share<uint>(party, owner, values, shape, format) : Share<ulong>(party, owner, values, shape, format);
    }

    /// <summary>Encodes and shares in the ring type T.</summary>
    public static ArithmeticShare<T> Share<T>(this Party party, int owner, float[]? values, TensorShape shape, FixedPointFormat format)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var encoded = Array.Empty<T>();
        if (party.Id == owner)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.Length != shape.Elements)
            {
                throw new ArgumentException($"Party {owner} supplies {values.Length} values for an input of shape [{shape}] ({shape.Elements} elements).", nameof(values));
            }

            encoded = new T[values.Length];
            FixedPointCodec.Encode<T>(values, encoded, format);
        }

        return party.ShareRing<T>(owner, encoded, shape, format);
    }
}
