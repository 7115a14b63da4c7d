using System.Numerics;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Parties;
using Ditto.Runtime.Protocols.Arithmetic;
using Ditto.Runtime.Protocols.Conversion;
using Ditto.Runtime.Sharing;
using Ditto.Runtime.Tensors;
using Ditto.Runtime.Transport;

namespace Ditto.Runtime.Tests.Conversion;

/// <summary>
/// For a constant secret, every message a party receives during a conversion, and every share it ends with, look
/// uniform: about half of the bits set, and the secret never shows up beyond chance. (A message that is not fully masked,
/// such as an opened bit or an unmasked small value, would be far from half.)
/// </summary>
public class ConversionPrivacyTests
{
    private const int N = 20_000;

    public static TheoryData<string> Conversions => ["upcast", "upcast-1round", "upcast-dealer", "upcast-exact", "downcast", "downcast-reference"];

    [Theory]
    [MemberData(nameof(Conversions))]
    public void MessagesAndSharesLookUniform(string conversion)
    {
        var up = conversion.StartsWith("upcast", StringComparison.Ordinal);
        var from = up ? FixedPointFormat.Ring32 : FixedPointFormat.Ring64;
        var views = RunRecorded(from, (party, x) => conversion switch
        {
            "upcast" => party.Upcast(x, UpcastMethod.HighPart),
            "upcast-1round" => party.Upcast(x, UpcastMethod.HighPartOneRound),
            "upcast-dealer" => party.Upcast(x, UpcastMethod.MaskAndOpen),
            "upcast-exact" => party.Upcast(x, UpcastMethod.Exact),
            "downcast" => party.Downcast(x, 8, DowncastMethod.Fused),
            _ => party.Downcast(x, 8, DowncastMethod.TruncateThenReduce),
        });

        for (var p = 0; p < 3; p++)
        {
            var (messages, share) = views[p];
            var received = messages.SelectMany(m => m).ToArray();
            if (received.Length > 0)
            {
                var meanBits = received.Sum(b => BitOperations.PopCount(b)) / (double)received.Length;
                Assert.True(Math.Abs(meanBits - 4) < 0.05, $"{conversion}: party {p} received {received.Length} bytes with {meanBits:F3} bits set per byte");
            }

            switch (share)
            {
                case ArithmeticShare<uint> s:
                    CheckShares(s, p, conversion);
                    break;
                case ArithmeticShare<ulong> s:
                    CheckShares(s, p, conversion);

                    // The new high halves alone must be uniform too (the low halves are the old 32-bit shares).
                    CheckWords(s.First.Select(v => (uint)(v >> 32)).ToArray(), 3u, p, conversion + " high halves");
                    break;
            }
        }

        // Someone must receive something: a conversion between rings is interactive here.
        Assert.Contains(views, v => v.Messages.Count > 0);
    }

    private static void CheckShares<T>(ArithmeticShare<T> s, int party, string conversion)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var secret = FixedPointCodec.Encode<T>(3.0, s.Format);
        CheckWords(s.First, secret, party, conversion);
        CheckWords(s.Second, secret, party, conversion);
        CheckWords(s.First.Zip(s.Second, (a, b) => a + b).ToArray(), secret, party, conversion + " (sum of the pair)");
    }

    private static void CheckWords<T>(T[] words, T secret, int party, string what)
        where T : unmanaged, IBinaryInteger<T>
    {
        var bits = int.CreateTruncating(T.PopCount(T.AllBitsSet));
        var hits = words.Count(w => w == secret);
        Assert.True(hits <= 2, $"{what}: party {party} sees the secret in {hits} of {words.Length} elements");
        var meanBits = words.Sum(w => (double)int.CreateTruncating(T.PopCount(w))) / words.Length;
        Assert.InRange(meanBits, (bits / 2.0) - 0.2, (bits / 2.0) + 0.2);
    }

    /// <summary>Runs three parties whose transports record what they receive while the conversion runs.</summary>
    private static (List<byte[]> Messages, ArithmeticShare Share)[] RunRecorded(FixedPointFormat format, Func<Party, ArithmeticShare, ArithmeticShare> conversion)
    {
        using var network = new InProcessNetwork(TimeSpan.FromSeconds(60));
        var results = new (List<byte[]>, ArithmeticShare)[3];
        var failures = new Exception?[3];
        var threads = Enumerable.Range(0, 3).Select(id => new Thread(() =>
        {
            try
            {
                var recorder = new RecordingTransport(network.Endpoint(id));
                using var party = Party.Create(recorder, new SessionOptions { Seed = 77 });
                var values = Enumerable.Repeat(3.0f, N).ToArray();
                var x = party.Share(0, party.Id == 0 ? values : null, TensorShape.Vector(N), format);
                recorder.Recording = true;
                var y = conversion(party, x);
                recorder.Recording = false;
                results[id] = (recorder.Received, y);
            }
            catch (Exception e)
            {
                failures[id] = e;
                network.Abort(id);
            }
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        Assert.All(failures, f => Assert.Null(f));
        return results;
    }

    private sealed class RecordingTransport(ITransport inner) : ITransport
    {
        public List<byte[]> Received { get; } = [];

        public bool Recording { get; set; }

        public int PartyId => inner.PartyId;

        public void Send(int to, FrameHeader header, ReadOnlySpan<byte> payload) => inner.Send(to, header, payload);

        public FrameHeader Receive(int from, Span<byte> payload)
        {
            var header = inner.Receive(from, payload);
            if (Recording)
            {
                Received.Add(payload.ToArray());
            }

            return header;
        }

        public void Dispose()
        {
        }
    }
}
