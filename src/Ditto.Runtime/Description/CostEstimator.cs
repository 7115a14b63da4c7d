using Ditto.Runtime.Backends;
using Ditto.Runtime.Engines.Cost;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Tensors;

namespace Ditto.Runtime.Description;

/// <summary>Prices a secure method for given input shapes by running its twin on the estimating backend (<see cref="BackendFactory.Estimate"/>).</summary>
public static class CostEstimator
{
    /// <summary>
    /// Estimates one call of <paramref name="method"/>: the client shares each tensor input in its declared format (resolved
    /// by <paramref name="plan"/>), the owner shares each weight once, the twin runs, and the result is opened to the client.
    /// </summary>
    /// <param name="method">The method's description.</param>
    /// <param name="model">The model instance (its weights may be placeholders); null for a static method.</param>
    /// <param name="shapes">The shape of every tensor parameter, by name.</param>
    /// <param name="plan">What named precisions mean.</param>
    /// <param name="approximations">The non-linear approximations (default: the defaults).</param>
    /// <param name="publicArguments">Values of public parameters, by name; a missing one takes its default value.</param>
    public static CostEstimate Estimate(
        MethodDescription method,
        object? model,
        IReadOnlyDictionary<string, TensorShape> shapes,
        PrecisionPlan plan,
        Approximations? approximations = null,
        IReadOnlyDictionary<string, object?>? publicArguments = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(plan);
        var recorder = new CostRecorder();
        var backend = BackendFactory.Estimate(plan, approximations ?? new Approximations(), recorder);
        var arguments = new object?[method.Parameters.Count];
        using (backend.Scope("input"))
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                var p = method.Parameters[i];
                if (p.Format is { } format)
                {
                    if (!shapes.TryGetValue(p.Name, out var shape))
                    {
                        throw new ArgumentException($"{method.Name} needs the shape of its tensor parameter '{p.Name}' (for example {p.Name}=4x16).", nameof(shapes));
                    }

                    var (ring, fraction) = format.Resolve(plan);
                    arguments[i] = backend.Input(null, shape, new FixedPoint.FixedPointFormat(ring, fraction), backend.ClientId);
                }
                else
                {
                    if (publicArguments is not null && publicArguments.TryGetValue(p.Name, out var value))
                    {
                        arguments[i] = value;
                    }
                    else if (p.HasDefault)
                    {
                        arguments[i] = p.DefaultValue;
                    }
                    else
                    {
                        throw new ArgumentException($"{method.Name} needs a value for its public parameter '{p.Name}' ({p.Type?.Name}).", nameof(publicArguments));
                    }
                }
            }
        }

        var result = method.Invoke(model, backend, arguments);
        using (backend.Scope("output"))
        {
            backend.Reveal(result, backend.ClientId);
        }

        return new CostEstimate(recorder.Estimate.Rows, backend.HeadroomWarnings);
    }
}
