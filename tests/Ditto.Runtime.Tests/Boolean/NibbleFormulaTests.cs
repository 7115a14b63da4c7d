using Ditto.Runtime.Protocols.Boolean;

namespace Ditto.Runtime.Tests.Boolean;

/// <summary>
/// The algebraic normal forms the comparison's first round relies on, checked on every pair of nibbles: the carry-out of
/// a + b is ⊕_{S=1..15} a^S·b^(16−S), the propagate Π(a_i ⊕ b_i) is ⊕_S a^S·b^(¬S). Each nibble sits in its own lane
/// of a plane, so all 16 values of b are checked at once for each a.
/// </summary>
public class NibbleFormulaTests
{
    [Fact]
    public void GenerateAndPropagateMatchFourBitAdditionForAllPairs()
    {
        var nibbles = BitTricksMask();
        Span<ulong> a = stackalloc ulong[16];
        Span<ulong> b = stackalloc ulong[16];

        // b takes the 16 nibble values in 16 lanes of one 64-bit word.
        ulong bWord = 0;
        for (var lane = 0; lane < 16; lane++)
        {
            bWord |= (ulong)lane << (4 * lane);
        }

        NibbleRound.Planes(bWord, nibbles, b);
        for (var av = 0; av < 16; av++)
        {
            ulong aWord = 0;
            for (var lane = 0; lane < 16; lane++)
            {
                aWord |= (ulong)av << (4 * lane);
            }

            NibbleRound.Planes(aWord, nibbles, a);
            var g = NibbleRound.Generate(a, b);
            var p = NibbleRound.Propagate(a, b);
            for (var bv = 0; bv < 16; bv++)
            {
                Assert.Equal(av + bv >= 16 ? 1UL : 0UL, (g >> bv) & 1);
                Assert.Equal((av ^ bv) == 15 ? 1UL : 0UL, (p >> bv) & 1);
            }
        }
    }

    private static ulong BitTricksMask()
    {
        ulong m = 0;
        for (var i = 0; i < 64; i += 4)
        {
            m |= 1UL << i;
        }

        return m;
    }
}
