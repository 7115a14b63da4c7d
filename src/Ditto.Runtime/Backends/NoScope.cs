namespace Ditto.Runtime.Backends;

/// <summary>The scope of backends that keep no cost ledger.</summary>
internal sealed class NoScope : IDisposable
{
    public static readonly NoScope Instance = new();

    public void Dispose()
    {
    }
}
