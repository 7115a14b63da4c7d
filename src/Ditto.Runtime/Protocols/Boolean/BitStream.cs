using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Ditto.Runtime.Protocols.Boolean;

/// <summary>Writes values of a given width into a little-endian bit stream, the layout of <see cref="Parties.BitPacking"/>.</summary>
internal ref struct BitWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private ulong _acc;
    private int _fill;
    private int _offset;

    /// <summary>Appends the low <paramref name="bits"/> bits of v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ulong v, int bits)
    {
        v &= bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        _acc |= v << _fill;
        var next = _fill + bits;
        if (next >= 64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_destination.Slice(_offset, 8), _acc);
            _offset += 8;
            _acc = _fill == 0 ? 0 : v >> (64 - _fill);
            next -= 64;
        }

        _fill = next;
    }

    /// <summary>Writes out the last partial word.</summary>
    public void Flush()
    {
        for (var b = 0; b < (_fill + 7) / 8; b++)
        {
            _destination[_offset + b] = (byte)(_acc >> (8 * b));
        }
    }
}

/// <summary>Reads values written by <see cref="BitWriter"/> or <see cref="Parties.BitPacking.Pack"/>.</summary>
internal ref struct BitReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;
    private ulong _acc;
    private int _avail;
    private int _offset;

    /// <summary>The next <paramref name="bits"/>-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read(int bits)
    {
        var mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        if (_avail >= bits)
        {
            var v = _acc & mask;
            _acc = bits == 64 ? 0 : _acc >> bits;
            _avail -= bits;
            return v;
        }

        var word = NextWord();
        var value = (_acc | (word << _avail)) & mask;
        var used = bits - _avail;
        _acc = used == 64 ? 0 : word >> used;
        _avail = 64 - used;
        return value;
    }

    private ulong NextWord()
    {
        var o = _offset;
        _offset += 8;
        if (o + 8 <= _source.Length)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(_source.Slice(o, 8));
        }

        ulong word = 0;
        for (var b = 0; o + b < _source.Length; b++)
        {
            word |= (ulong)_source[o + b] << (8 * b);
        }

        return word;
    }
}
