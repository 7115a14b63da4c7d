namespace Ditto.Runtime.Functions;

/// <summary>A scope that records nothing: backends without a cost ledger, engines without a range checker.</summary>
internal sealed class NoScope : IDisposable
{
    public static readonly NoScope Instance = new();

    public void Dispose()
    {
    }
}
