using Ditto.Models.Bert;
using Ditto.Models.Decoding;
using Microsoft.ML.Tokenizers;

namespace Ditto.Models.Hosting;

/// <summary>A model ready to run: an encoder (BERT, sentence embeddings) or a decoder (GPT-2 or LLaMA, generation and perplexity), with its tokenizer.</summary>
public abstract record LoadedModel(string Name, string Source);

/// <summary>A BERT encoder with its WordPiece tokenizer.</summary>
public sealed record EncoderModel(string Name, string Source, BertCheckpoint Checkpoint, BertTokenizer Tokenizer) : LoadedModel(Name, Source)
{
    /// <summary>The host loop of sentence embedding.</summary>
    public SentenceEncoder Encoder { get; } = new(Checkpoint, Tokenizer);
}

/// <summary>A decoder (GPT-2 or a LLaMA-architecture model) with the byte-level BPE tokenizer of its folder.</summary>
public sealed record DecoderModel(string Name, string Source, ICausalLanguageModel Checkpoint, Tokenizer Tokenizer) : LoadedModel(Name, Source);
