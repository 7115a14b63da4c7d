using Ditto.Runtime.Backends;
using Ditto.Runtime.Description;
using Ditto.Runtime.FixedPoint;
using Ditto.Runtime.Tensors;

namespace Ditto.Models.Inputs;

/// <summary>
/// How host code hands the client's tokens to a model on a backend: as a one-hot matrix [length, vocab] that only the
/// client holds (other parties pass null and know only the length), in the format the model declares for that parameter.
/// </summary>
public static class ClientInputs
{
    /// <summary>The client's one-hot tokens as a backend input; <paramref name="ids"/> is null on every party but the client.</summary>
    public static Value OneHotTokens(IBackend backend, IReadOnlyList<int>? ids, int length, int vocab, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (ids is not null && ids.Count != length)
        {
            throw new ArgumentException($"The client passes {ids.Count} token ids for a declared length of {length}.", nameof(ids));
        }

        var values = ids is null ? null : OneHot.Encode(ids, vocab);
        return backend.Input(values, new TensorShape(length, vocab), format, backend.ClientId);
    }

    /// <summary>The format a generated twin expects for one of its parameters, resolved through the backend's plan.</summary>
    public static FixedPointFormat ParameterFormat(ModelDescription model, string method, string parameter, IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(backend);
        var description = model.Method(method).Parameters.FirstOrDefault(p => p.Name == parameter)
            ?? throw new ArgumentException($"{model.Name}.{method} has no parameter '{parameter}'.", nameof(parameter));
        var format = description.Format ?? throw new ArgumentException($"{model.Name}.{method}({parameter}) is not a tensor parameter.", nameof(parameter));
        var (ring, fraction) = format.Resolve(backend.Plan);
        return new FixedPointFormat(ring, fraction);
    }
}
