using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Ditto.Models.Weights;

/// <summary>Decodes little-endian F32, F16 and BF16 bytes to float32 (every F16 and BF16 value is exact in float32).</summary>
internal static class FloatDecoding
{
    public static void Decode(SafeTensorDType type, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (type)
        {
            case SafeTensorDType.F32 when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                break;
            case SafeTensorDType.F32:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                }

                break;
            case SafeTensorDType.F16 when BitConverter.IsLittleEndian:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source), destination);
                break;
            case SafeTensorDType.F16:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]);
                }

                break;
            case SafeTensorDType.BF16:
                for (var i = 0; i < destination.Length; i++)
                {
                    // bfloat16 is the upper half of a float32.
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]) << 16);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Only F32, F16 and BF16 decode to float.");
        }
    }
}
