using Ditto;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Parties;

namespace DittoModel;

/// <summary>The model as written, and its generated twin on the three backends, mean the same thing.</summary>
public class ClassifierTests
{
    // Fixed-point error of this model under the ditto plan: 8 fraction bits on the linear path bound each
    // probability's error well below 0.02 for weights and inputs in [-0.5, 0.5].
    private const float Bound = 0.02f;

    private static readonly Random Random = new(7);
    private static readonly Classifier Model = new(Uniform(8, 16), Uniform(16), Uniform(16, 3), Uniform(3));
    private static readonly Tensor Input = Uniform(2, 8);

    [Fact]
    public void TheFloatTwinEqualsThePlainModel()
    {
        var backend = BackendFactory.Float(PrecisionPlan.Ditto);
        var input = backend.Input(Input, Input.Shape, backend.Resolve(Precision.Linear), backend.ClientId);
        Assert.Equal(Model.Forward(Input).Data, backend.Reveal(Model.Forward(backend, input), backend.ClientId)!.Data);
    }

    [Fact]
    public void TheEmulatorIsWithinTheFixedPointBound()
    {
        var backend = BackendFactory.Emulated(PrecisionPlan.Ditto, new Approximations());
        var input = backend.Input(Input, Input.Shape, backend.Resolve(Precision.Linear), backend.ClientId);
        AssertClose(Model.Forward(Input), backend.Reveal(Model.Forward(backend, input), backend.ClientId)!);
    }

    [Fact]
    public void ThreePartiesAgreeWithFloatAndOnlyTheClientLearnsTheOutput()
    {
        var session = InProcessSession.Run(party =>
        {
            var mpc = BackendFactory.Mpc(party, PrecisionPlan.Ditto, new Approximations());
            var input = mpc.Input(party.Id == mpc.ClientId ? Input : null, Input.Shape, mpc.Resolve(Precision.Linear), mpc.ClientId);
            return mpc.Reveal(Model.Forward(mpc, input), mpc.ClientId);
        });
        AssertClose(Model.Forward(Input), session.Results[0]!);
        Assert.Null(session.Results[1]);
        Assert.Null(session.Results[2]);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (var i = 0; i < expected.Data.Length; i++)
        {
            Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= Bound, $"probability {i}: {actual.Data[i]} vs float {expected.Data[i]}");
        }
    }

    private static Tensor Uniform(params int[] shape) =>
        new([.. Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(_ => (float)(Random.NextDouble() - 0.5))], shape);
}
