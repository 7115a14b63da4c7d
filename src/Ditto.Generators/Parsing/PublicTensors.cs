using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ditto.Generators.Parsing;

/// <summary>
/// Which tensors of a method are public: its <c>[Public]</c> parameters, and the locals whose every assignment is a
/// public expression. A public expression reads no secret: no secure parameter or local (except for its shape), no
/// weight, no call of a secure model. Public tensors stay plain C# in the twin (the float DSL, evaluated alike on every
/// backend) and enter the backend as <c>backend.Constant</c> where they meet a secret. Locals start public and lose it
/// when any assignment is secret, until nothing changes (a local can only go from public to secret).
/// </summary>
internal sealed class PublicTensors
{
    private readonly KnownSymbols _known;
    private readonly HashSet<ISymbol> _public = new(SymbolEqualityComparer.Default);

    private PublicTensors(KnownSymbols known) => _known = known;

    /// <summary>No public tensors (a method not analysed).</summary>
    public static PublicTensors None(KnownSymbols known) => new(known);

    /// <summary>Analyses a method body.</summary>
    public static PublicTensors Analyse(IMethodSymbol method, IOperation body, KnownSymbols known)
    {
        var result = new PublicTensors(known);
        foreach (var p in method.Parameters)
        {
            if (known.IsTensor(p.Type) && IsPublicParameter(p, known))
            {
                result._public.Add(p);
            }
        }

        // Every value assigned to each tensor local (declarator initialisers, assignments, compound assignments).
        var assigned = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        List<IOperation> Of(ILocalSymbol local) => assigned.TryGetValue(local, out var list) ? list : assigned[local] = [];
        foreach (var op in body.DescendantsAndSelf())
        {
            switch (op)
            {
                case IVariableDeclaratorOperation d when known.IsTensor(d.Symbol.Type):
                    var values = Of(d.Symbol);
                    if ((d.Initializer ?? (d.Parent as IVariableDeclarationOperation)?.Initializer) is { } init)
                    {
                        values.Add(init.Value);
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation l } a when known.IsTensor(l.Type):
                    Of(l.Local).Add(a.Value);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation l } c when known.IsTensor(l.Type):
                    Of(l.Local).Add(c); // the target's own value is part of the result
                    break;
                case ILocalReferenceOperation l when known.IsTensor(l.Type) && l.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                    Of(l.Local).Add(l.Parent); // passed by ref or out: not tracked, so secret
                    break;
            }
        }

        foreach (var local in assigned.Keys)
        {
            result._public.Add(local);
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var pair in assigned)
            {
                if (result._public.Contains(pair.Key) && pair.Value.Any(v => v is IArgumentOperation || !result.IsPublic(v)))
                {
                    result._public.Remove(pair.Key);
                    changed = true;
                }
            }
        }

        return result;
    }

    /// <summary>True for a parameter marked <c>[Public]</c>.</summary>
    public static bool IsPublicParameter(IParameterSymbol parameter, KnownSymbols known) => known.HasAttribute(parameter, known.Public);

    /// <summary>True for a public local or parameter.</summary>
    public bool IsPublicSymbol(ISymbol symbol) => _public.Contains(symbol);

    /// <summary>True when the expression reads no secret value (its type may be a tensor or anything else).</summary>
    public bool IsPublic(IOperation op)
    {
        switch (op)
        {
            case IParameterReferenceOperation p when _known.IsTensor(p.Type):
                return _public.Contains(p.Parameter);
            case ILocalReferenceOperation l when _known.IsTensor(l.Type):
                return _public.Contains(l.Local);
            case IPropertyReferenceOperation { Property.Name: "Shape" or "Length" } shape when shape.Instance is { } i && _known.IsTensor(i.Type):
                return true; // a tensor's shape is public whatever its values are
            case IFieldReferenceOperation or IPropertyReferenceOperation when _known.IsTensor(op.Type):
                return false; // a weight
            case IInvocationOperation call when _known.IsSecureModel(call.TargetMethod.ContainingType):
                return false; // a secure model's result is secret
        }

        foreach (var child in op.ChildOperations)
        {
            if (!IsPublic(child))
            {
                return false;
            }
        }

        return true;
    }
}
