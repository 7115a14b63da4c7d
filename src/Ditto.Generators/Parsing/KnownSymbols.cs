using Microsoft.CodeAnalysis;

namespace Ditto.Generators.Parsing;

/// <summary>The runtime types the generator knows, by metadata name (the generator does not reference the runtime).</summary>
internal sealed class KnownSymbols
{
    public const string SecureModelAttribute = "Ditto.SecureModelAttribute";
    public const string FixedPointAttributeName = "Ditto.FixedPointAttribute";
    public const string WeightAttributeName = "Ditto.WeightAttribute";
    public const string TensorName = "Ditto.Tensor";
    public const string OpsName = "Ditto.Ops";
    public const string DefinesPrecisionAttributeName = "Ditto.DefinesPrecisionAttribute";
    public const string PinOpAttributeName = "Ditto.PinOpAttribute";
    public const string PublicAttributeName = "Ditto.PublicAttribute";

    private KnownSymbols(Compilation compilation)
    {
        Tensor = compilation.GetTypeByMetadataName(TensorName);
        Ops = compilation.GetTypeByMetadataName(OpsName);
        SecureModel = compilation.GetTypeByMetadataName(SecureModelAttribute);
        FixedPoint = compilation.GetTypeByMetadataName(FixedPointAttributeName);
        Weight = compilation.GetTypeByMetadataName(WeightAttributeName);
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        PinOp = compilation.GetTypeByMetadataName(PinOpAttributeName);
        Public = compilation.GetTypeByMetadataName(PublicAttributeName);
        var defines = compilation.GetTypeByMetadataName(DefinesPrecisionAttributeName);
        foreach (var a in compilation.Assembly.GetAttributes())
        {
            if (defines is not null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, defines) && a.ConstructorArguments is [{ Value: string name }])
            {
                DeclaredPrecisions.Add(name);
            }
        }
    }

    /// <summary>Named precisions the assembly declares its plans define (<c>[assembly: DefinesPrecision("…")]</c>).</summary>
    public System.Collections.Generic.HashSet<string> DeclaredPrecisions { get; } = new(System.StringComparer.Ordinal);

    public INamedTypeSymbol? Tensor { get; }

    public INamedTypeSymbol? PinOp { get; }

    /// <summary>[Public] on a tensor parameter (null with an older runtime: then no parameter is public).</summary>
    public INamedTypeSymbol? Public { get; }

    public INamedTypeSymbol? Ops { get; }

    public INamedTypeSymbol? SecureModel { get; }

    public INamedTypeSymbol? FixedPoint { get; }

    public INamedTypeSymbol? Weight { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public bool IsComplete => Tensor is not null && Ops is not null && FixedPoint is not null && Weight is not null && SecureModel is not null;

    public static KnownSymbols From(Compilation compilation) => new(compilation);

    public bool IsTensor(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), Tensor);

    /// <summary>True when a type is or contains Tensor (Tensor[], List&lt;Tensor&gt;, (Tensor, int), …).</summary>
    public bool MentionsTensor(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return false;
            case IArrayTypeSymbol array:
                return MentionsTensor(array.ElementType);
            case INamedTypeSymbol named:
                if (IsTensor(named))
                {
                    return true;
                }

                foreach (var a in named.TypeArguments)
                {
                    if (MentionsTensor(a))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    public bool IsSecureModel(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        foreach (var a in named.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, SecureModel))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        foreach (var a in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
