using Ditto.Models.Bert;
using Microsoft.ML.OnnxRuntime;

namespace Ditto.Models.Tests.Bert;

/// <summary>MiniLM loaded once for a test class (about 1 s), with ONNX Runtime over the same ONNX bytes as the reference.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Bundle = MiniLm.Load();
        Session = new InferenceSession(Bundle.Resources.Onnx);
    }

    public MiniLmBundle Bundle { get; }

    public InferenceSession Session { get; }

    /// <summary>ONNX Runtime's last hidden state mean-pooled over the sentence's tokens and L2-normalised (sentence-transformers).</summary>
    public float[] MeanPooledReference(SentenceEncoder encoder, string sentence)
    {
        var ids = encoder.Tokenize(sentence);
        var hidden = RunReference(ids).Hidden;
        var width = encoder.Checkpoint.Config.HiddenSize;
        var mean = new double[width];
        for (var t = 0; t < ids.Count; t++)
        {
            for (var d = 0; d < width; d++)
            {
                mean[d] += hidden[(t * width) + d] / ids.Count;
            }
        }

        var norm = Math.Sqrt(mean.Sum(v => v * v));
        return [.. mean.Select(v => (float)(v / norm))];
    }

    /// <summary>ONNX Runtime's outputs for one input, last_hidden_state [T·384] and the pooler output "924" [384]; <paramref name="firstSegment"/> tokens of type 0, the rest type 1 (all 0 by default).</summary>
    public (float[] Hidden, float[] Pooled) RunReference(IReadOnlyList<int> ids, int? firstSegment = null)
    {
        long[] shape = [1, ids.Count];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Count).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, ids.Count).Select(t => t < (firstSegment ?? ids.Count) ? 0L : 1L).ToArray(), shape);
        using var options = new RunOptions();
        using var results = Session.Run(options, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, mask, types], ["last_hidden_state", "924"]);
        return (results[0].GetTensorDataAsSpan<float>().ToArray(), results[1].GetTensorDataAsSpan<float>().ToArray());
    }

    public void Dispose() => Session.Dispose();
}
