namespace Ditto.Runtime.Ledger;

/// <summary>
/// One protocol call as one party saw it: where it ran, how deep it was nested, and the party's round clocks when it
/// started and ended. Every party makes the same calls in the same order (the program is the same on all three), so
/// the merged report can take, per call, the latest end minus the latest start: the call's rounds on the critical path.
/// </summary>
/// <param name="Depth">0 for an operation (outermost call), 1 and more for the protocols it calls.</param>
/// <param name="Scope">The caller-given scope.</param>
/// <param name="Name">The protocol.</param>
/// <param name="StartClock">Online round clock at the start.</param>
/// <param name="EndClock">Online round clock at the end.</param>
/// <param name="StartAhead">Ahead clock at the start.</param>
/// <param name="EndAhead">Ahead clock at the end.</param>
public readonly record struct ProtocolCall(int Depth, string Scope, string Name, long StartClock, long EndClock, long StartAhead, long EndAhead);
