namespace Ditto.Models.Inputs;

/// <summary>
/// The client's side of a secret embedding lookup: token ids become a one-hot matrix [T, vocab] that the client
/// secret-shares; the model multiplies it by the embedding table (see <see cref="Bert.BertEmbeddings"/>).
/// </summary>
public static class OneHot
{
    /// <summary>Rows of zeros with a 1 at each token's id.</summary>
    public static Tensor Encode(IReadOnlyList<int> ids, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            throw new ArgumentException("At least one token is needed.", nameof(ids));
        }

        var data = new float[(long)ids.Count * vocabSize];
        for (var t = 0; t < ids.Count; t++)
        {
            var id = ids[t];
            if (id < 0 || id >= vocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token {t} has id {id}, outside the vocabulary [0, {vocabSize}).");
            }

            data[((long)t * vocabSize) + id] = 1;
        }

        return new Tensor(data, ids.Count, vocabSize);
    }
}
