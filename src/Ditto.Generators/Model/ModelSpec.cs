using Ditto.Generators.Helpers;

namespace Ditto.Generators.Model;

/// <summary>
/// Everything the emitter needs for one secure model type: value-equatable (records and equatable arrays), with no
/// Roslyn symbol, syntax node, location or compilation, so the pipeline caches it. Source lines (for the model
/// description) are the only positions it holds.
/// </summary>
internal sealed record ModelSpec
{
    /// <summary>The containing namespace, or null for the global namespace.</summary>
    public required string? Namespace { get; init; }

    /// <summary>The types the model is nested in, outermost first.</summary>
    public required EquatableArray<TypeDeclaration> ContainingTypes { get; init; }

    /// <summary>The model type's own declaration header.</summary>
    public required TypeDeclaration Type { get; init; }

    /// <summary>The fully qualified name, with <c>global::</c>.</summary>
    public required string FullyQualifiedName { get; init; }

    /// <summary>The short name, for messages.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The generated file's hint name.</summary>
    public required string HintName { get; init; }

    /// <summary>A static class (its twins are static).</summary>
    public required bool IsStatic { get; init; }

    /// <summary>Whether to list the model in the assembly's catalog (a non-generic type the catalog can name).</summary>
    public required bool Register { get; init; }

    /// <summary>Whether to emit the static <c>ModelDescription</c>.</summary>
    public required bool EmitDescription { get; init; }

    /// <summary>The description hides one inherited from a base secure model (<c>new</c>).</summary>
    public required bool HidesInheritedDescription { get; init; }

    /// <summary>The model's default format (for methods without their own annotation).</summary>
    public required FormatRef DefaultFormat { get; init; }

    /// <summary>The weights.</summary>
    public required EquatableArray<WeightSpec> Weights { get; init; }

    /// <summary>The methods with a twin.</summary>
    public required EquatableArray<MethodSpec> Methods { get; init; }
}

/// <summary>A type declaration header: "class", "record", "record struct" or "struct", its name and type parameters.</summary>
internal sealed record TypeDeclaration
{
    /// <summary>"class", "record", "record struct" or "struct".</summary>
    public required string Keyword { get; init; }

    /// <summary>The type's name.</summary>
    public required string Name { get; init; }

    /// <summary>"&lt;T&gt;", or empty.</summary>
    public required string TypeParameters { get; init; }
}

/// <summary>A weight: its member name and its declared format, or null when it takes the format of the method using it.</summary>
internal sealed record WeightSpec
{
    /// <summary>The field or property name.</summary>
    public required string Name { get; init; }

    /// <summary>The declared format, or null.</summary>
    public required FormatRef? Format { get; init; }
}

/// <summary>A parameter of a twin: a secure value or a public one.</summary>
internal abstract record ParameterSpec
{
    /// <summary>The parameter's name (an escaped identifier).</summary>
    public required string Name { get; init; }
}

/// <summary>A tensor parameter: a backend value in a format.</summary>
internal sealed record SecureParameter : ParameterSpec
{
    /// <summary>Its format.</summary>
    public required FormatRef Format { get; init; }
}

/// <summary>A public parameter, passed through as it is.</summary>
internal sealed record PublicParameter : ParameterSpec
{
    /// <summary>Its C# type as the twin's signature writes it.</summary>
    public required string TypeText { get; init; }

    /// <summary>Its type for <c>typeof</c> (no nullable annotation).</summary>
    public required string TypeOfText { get; init; }

    /// <summary>A <c>params</c> array.</summary>
    public bool IsParams { get; init; }

    /// <summary>Its default value's code, or null when it has none.</summary>
    public string? DefaultText { get; init; }
}

/// <summary>A named format local of a twin (<c>var linear = backend.Resolve("Linear");</c>).</summary>
internal sealed record FormatLocal
{
    /// <summary>The local's name.</summary>
    public required string Name { get; init; }

    /// <summary>The format it holds.</summary>
    public required FormatRef Format { get; init; }
}

/// <summary>One inserted conversion, for the comments and the model description.</summary>
internal sealed record ConversionSpec
{
    /// <summary>The value's format.</summary>
    public required FormatRef From { get; init; }

    /// <summary>The format it is converted to.</summary>
    public required FormatRef To { get; init; }

    /// <summary>Why the conversion is there.</summary>
    public required string Reason { get; init; }

    /// <summary>The source line of the converted expression.</summary>
    public required int Line { get; init; }
}

/// <summary>
/// One generated twin (or, when <see cref="Generated"/> is false, a stub that throws: diagnostics explain why). When
/// <see cref="HandWritten"/> is true the model already declares the twin's signature: nothing is emitted for it, and the
/// description calls the hand-written one. <see cref="NullableWarnings"/> mirrors the method's nullable context: the
/// twin repeats the method's code, so it gets nullable warnings only where the method does.
/// </summary>
internal sealed record MethodSpec
{
    /// <summary>The method's name.</summary>
    public required string Name { get; init; }

    /// <summary>"public", "internal", … as declared.</summary>
    public required string Accessibility { get; init; }

    /// <summary>A static method.</summary>
    public required bool IsStatic { get; init; }

    /// <summary>The source line of its name.</summary>
    public required int Line { get; init; }

    /// <summary>The name of the twin's backend parameter (free of the method's own names).</summary>
    public required string BackendName { get; init; }

    /// <summary>The name of the twin's cost-scope local.</summary>
    public required string ScopeLocal { get; init; }

    /// <summary>The cost scope the twin opens ("Model.Method").</summary>
    public required string ScopeName { get; init; }

    /// <summary>The plain method's signature, for the twin's documentation.</summary>
    public required string PlainSignature { get; init; }

    /// <summary>The method's format.</summary>
    public required FormatRef Format { get; init; }

    /// <summary>The format of its return value.</summary>
    public required FormatRef ReturnFormat { get; init; }

    /// <summary>Its parameters.</summary>
    public required EquatableArray<ParameterSpec> Parameters { get; init; }

    /// <summary>The ops the twin pins for its duration (its own [PinOp]s and its type's), and the local holding the pin.</summary>
    public EquatableArray<string> Pins { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The name of the local that holds the pin.</summary>
    public string PinsLocal { get; init; } = "pins";

    /// <summary>The format locals its body uses.</summary>
    public EquatableArray<FormatLocal> FormatLocals { get; init; } = EquatableArray<FormatLocal>.Empty;

    /// <summary>The conversions inserted into its body.</summary>
    public EquatableArray<ConversionSpec> Conversions { get; init; } = EquatableArray<ConversionSpec>.Empty;

    /// <summary>The lowered body.</summary>
    public EquatableArray<Stmt> Body { get; init; } = EquatableArray<Stmt>.Empty;

    /// <summary>False for a stub that throws.</summary>
    public required bool Generated { get; init; }

    /// <summary>The model declares the twin itself.</summary>
    public bool HandWritten { get; init; }

    /// <summary>Whether the twin reports nullable warnings (as its method does).</summary>
    public bool NullableWarnings { get; init; } = true;
}
