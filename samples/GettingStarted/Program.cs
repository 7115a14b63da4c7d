using Ditto;
using Ditto.Runtime.Backends;
using Ditto.Runtime.Functions;
using Ditto.Runtime.Parties;
using GettingStarted;

// The model owner's weights and the client's input (random here).
var random = new Random(7);
Tensor Random(params int[] shape) => new([.. Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(_ => (float)(random.NextDouble() - 0.5))], shape);
var model = new TinyClassifier(Random(8, 16), Random(16), Random(16, 3), Random(3));
var x = Random(2, 8);

// 1. Plain C#: the model as written.
Print("plain C#", model.Forward(x));

// 2. The generated twin on the float reference and on the fixed-point emulator (Ditto's plan: Linear fxp32.8, NonLinear fxp64.18).
var plan = PrecisionPlan.Ditto;
var approximations = new Approximations();
foreach (var backend in new IBackend[] { BackendFactory.Float(plan), BackendFactory.Emulated(plan, approximations) })
{
    var input = backend.Input(x, x.Shape, backend.Resolve(Precision.Linear), backend.ClientId);
    Print(backend.Name, backend.Reveal(model.Forward(backend, input), backend.ClientId)!);
}

// 3. Three parties in this process: party 1 shares the weights, party 0 (the client) its input and alone learns the output.
var session = InProcessSession.Run(party =>
{
    var mpc = BackendFactory.Mpc(party, plan, approximations);
    var input = mpc.Input(party.Id == mpc.ClientId ? x : null, x.Shape, mpc.Resolve(Precision.Linear), mpc.ClientId);
    return mpc.Reveal(model.Forward(mpc, input), mpc.ClientId);
});
Print("mpc", session.Results[0]!);
Console.WriteLine($"bytes sent: {session.Report.Operations.Sum(r => r.BytesTotal):N0}");

static void Print(string name, Tensor t) => Console.WriteLine($"{name,-9} {string.Join(" ", t.Data.Select(v => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))}");
