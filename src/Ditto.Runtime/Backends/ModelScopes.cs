namespace Ditto.Runtime.Backends;

/// <summary>
/// The model scopes a backend is inside ("BertModel.Forward", then "BertLayer.Forward"), so that an error can name the
/// model that caused it (an unknown named precision, a product whose size breaks its ring's headroom).
/// </summary>
internal sealed class ModelScopes
{
    private readonly Stack<string> _names = new();

    /// <summary>The innermost scope, or "the model" outside any.</summary>
    public string Current => _names.Count == 0 ? "the model" : _names.Peek();

    /// <summary>Enters <paramref name="name"/> for as long as the returned handle lives; disposing it also disposes <paramref name="inner"/>.</summary>
    public IDisposable Enter(string name, IDisposable inner)
    {
        _names.Push(name);
        return new Leave(_names, inner);
    }

    private sealed class Leave(Stack<string> names, IDisposable inner) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                names.Pop();
                inner.Dispose();
            }
        }
    }
}
