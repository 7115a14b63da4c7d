namespace Ditto.Runtime.Description;

/// <summary>
/// Lists a secure model in its assembly's catalog. The generator emits one per model
/// (<c>[assembly: SecureModelType(typeof(MyModel))]</c>); <see cref="ModelCatalog"/> reads them.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class SecureModelTypeAttribute(Type modelType) : Attribute
{
    /// <summary>The model type.</summary>
    public Type ModelType { get; } = modelType;
}
