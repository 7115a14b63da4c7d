using Ditto.Models.Configs;
using Ditto.Models.Layers;
using Ditto.Models.Onnx;
using Ditto.Models.Weights;

namespace Ditto.Models.Bert;

/// <summary>
/// Builds <see cref="BertModel"/> from Hugging Face weights (config.json + safetensors, names with or without the
/// "bert." prefix, Linear weights [out, in]) or from an ONNX export (see <see cref="OnnxWeights"/> for the naming rule
/// that recovers the anonymous linear weights). Every tensor's shape is checked against the config; a missing,
/// misshapen or surplus tensor is a <see cref="ModelFileException"/> naming the file and the tensor.
/// </summary>
public static class BertLoader
{
    /// <summary>
    /// Loads a Hugging Face model folder: config.json and model.safetensors (or a sharded set). With
    /// <paramref name="shapesOnly"/> every weight is a placeholder (a party that does not own the model).
    /// </summary>
    public static BertCheckpoint Load(string folder, bool shapesOnly = false)
    {
        var configPath = Path.Combine(folder, "config.json");
        var config = BertConfig.Load(configPath);
        IWeightSource weights = SafeTensors.Open(folder);
        return Build(shapesOnly ? new ShapesOnlyWeights(weights) : weights, config, configPath);
    }

    /// <summary>Loads an ONNX export, deriving the configuration from the graph (<see cref="OnnxBertConfig.Derive"/>); placeholders only with <paramref name="shapesOnly"/>.</summary>
    public static BertCheckpoint FromOnnx(OnnxModel onnx, bool shapesOnly = false)
    {
        var weights = new OnnxWeights(onnx);
        return Build(shapesOnly ? new ShapesOnlyWeights(weights) : weights, OnnxBertConfig.Derive(onnx, weights), onnx.Path);
    }

    /// <summary>Builds the model from state-dict-named weights in PyTorch layout; <paramref name="configSource"/> names the config in messages.</summary>
    public static BertCheckpoint Build(IWeightSource weights, BertConfig config, string configSource)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate(configSource);
        var w = weights;
        var p = w.Contains("bert.embeddings.word_embeddings.weight") ? "bert." : string.Empty;
        int d = config.HiddenSize, inner = config.IntermediateSize;
        var width = $"hidden_size = {d}";

        LayerNormalization Norm(string name) => new()
        {
            Weight = w.Require($"{p}{name}.weight", [d], width),
            Bias = w.Require($"{p}{name}.bias", [d], width),
            Epsilon = config.LayerNormEps,
        };

        Dense Linear(string name, int inputs, int outputs, string because) => new()
        {
            Weight = w.RequireTransposed($"{p}{name}.weight", outputs, inputs, because),
            Bias = w.Require($"{p}{name}.bias", [outputs], because),
        };

        var embeddings = new BertEmbeddings
        {
            Words = w.Require($"{p}embeddings.word_embeddings.weight", [config.VocabSize, d], $"vocab_size = {config.VocabSize}, {width}"),
            Positions = w.Require($"{p}embeddings.position_embeddings.weight", [config.MaxPositions, d], $"max_position_embeddings = {config.MaxPositions}, {width}"),
            TokenTypes = w.Require($"{p}embeddings.token_type_embeddings.weight", [config.TypeVocabSize, d], $"type_vocab_size = {config.TypeVocabSize}, {width}"),
            Norm = Norm("embeddings.LayerNorm"),
            Width = d,
        };

        var layers = new BertLayer[config.Layers];
        for (var i = 0; i < layers.Length; i++)
        {
            var l = $"encoder.layer.{i}";
            layers[i] = new BertLayer
            {
                Attention = new BertSelfAttention
                {
                    Query = Linear($"{l}.attention.self.query", d, d, width),
                    Key = Linear($"{l}.attention.self.key", d, d, width),
                    Value = Linear($"{l}.attention.self.value", d, d, width),
                    Output = Linear($"{l}.attention.output.dense", d, d, width),
                    Heads = config.Heads,
                    Scale = 1 / Math.Sqrt(config.HeadSize),
                },
                AttentionNorm = Norm($"{l}.attention.output.LayerNorm"),
                FeedForward = new FeedForward
                {
                    Up = Linear($"{l}.intermediate.dense", d, inner, $"{width}, intermediate_size = {inner}"),
                    Down = Linear($"{l}.output.dense", inner, d, $"{width}, intermediate_size = {inner}"),
                    Variant = config.Activation,
                },
                OutputNorm = Norm($"{l}.output.LayerNorm"),
            };
        }

        var surplus = $"{p}encoder.layer.{config.Layers}.attention.self.query.weight";
        if (w.Contains(surplus))
        {
            throw new ModelFileException(w.FileOf(surplus), surplus, $"the weights hold more layers than num_hidden_layers = {config.Layers}");
        }

        BertPooler? pooler = null;
        if (w.Contains($"{p}pooler.dense.weight"))
        {
            var dense = Linear("pooler.dense", d, d, width);
            pooler = new BertPooler { Weight = dense.Weight, Bias = dense.Bias };
        }

        var model = new BertModel { Embeddings = embeddings, Layers = layers };
        return new BertCheckpoint(config, model, pooler, ClassificationHead(w, config, model, pooler, width));
    }

    /// <summary>
    /// BertForSequenceClassification's head when the weights hold <c>classifier.weight</c> (Hugging Face names it without
    /// the "bert." prefix): one output per id2label entry, or per weight row when the config names no labels.
    /// </summary>
    private static BertForSequenceClassification? ClassificationHead(IWeightSource w, BertConfig config, BertModel model, BertPooler? pooler, string width)
    {
        const string weight = "classifier.weight", bias = "classifier.bias";
        if (!w.Contains(weight))
        {
            return null;
        }

        if (pooler is null)
        {
            throw new ModelFileException(w.FileOf(weight), weight, "a sequence-classification head needs the pooler (pooler.dense.weight), which the weights lack");
        }

        var (labels, because) = config.Labels is { } names
            ? (names.Count, $"id2label has {names.Count} labels, {width}")
            : (w.ShapeOf(weight) is [var rows, _] && rows is > 0 and <= int.MaxValue ? (int)rows : 1, $"no id2label, so one label per row; {width}");
        return new BertForSequenceClassification
        {
            Bert = model,
            Pooler = pooler,
            ClassifierWeight = w.RequireTransposed(weight, labels, config.HiddenSize, because),
            ClassifierBias = w.Require(bias, [labels], because),
        };
    }
}
