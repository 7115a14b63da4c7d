using Ditto.Generators.Helpers;

namespace Ditto.Generators.Model;

/// <summary>
/// Everything the emitter needs for one secure model type: value-equatable (records and equatable arrays), with no
/// Roslyn symbol, syntax node, location or compilation, so the pipeline caches it. Source lines (for the model
/// description) are the only positions it holds.
/// </summary>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<TypeDeclaration> ContainingTypes,
    TypeDeclaration Type,
    string FullyQualifiedName,
    string DisplayName,
    string HintName,
    bool IsStatic,
    bool Register,
    bool EmitDescription,
    bool HidesInheritedDescription,
    FormatRef DefaultFormat,
    EquatableArray<WeightSpec> Weights,
    EquatableArray<MethodSpec> Methods);

/// <summary>A type declaration header: "class", "record", "record struct" or "struct", its name and type parameters.</summary>
internal sealed record TypeDeclaration(string Keyword, string Name, string TypeParameters);

/// <summary>A weight: its member name and its declared format, or null when it takes the format of the method using it.</summary>
internal sealed record WeightSpec(string Name, FormatRef? Format);

/// <summary>
/// A parameter of a twin: a secure value (with its format) or a public value (with its C# type, the type for typeof, a
/// "params " prefix, and its default value's text or an empty string).
/// </summary>
internal sealed record ParameterSpec(string Name, bool IsSecure, FormatRef? Format, string TypeText, string TypeOfText, string Prefix, string DefaultText);

/// <summary>A named format local of a twin (<c>var linear = backend.Resolve("Linear");</c>).</summary>
internal sealed record FormatLocal(string Name, FormatRef Format);

/// <summary>One inserted conversion, for the comments and the model description.</summary>
internal sealed record ConversionSpec(FormatRef From, FormatRef To, string Reason, int Line);

/// <summary>
/// One generated twin (or, when <see cref="Generated"/> is false, a stub that throws: diagnostics explain why). When
/// <see cref="HandWritten"/> is true the model already declares the twin's signature: nothing is emitted for it, and the
/// description calls the hand-written one. <see cref="NullableWarnings"/> mirrors the method's nullable context: the
/// twin repeats the method's code, so it gets nullable warnings only where the method does.
/// </summary>
internal sealed record MethodSpec(
    string Name,
    string Accessibility,
    bool IsStatic,
    int Line,
    string BackendName,
    string ScopeLocal,
    string ScopeName,
    string PlainSignature,
    FormatRef Format,
    FormatRef ReturnFormat,
    EquatableArray<ParameterSpec> Parameters,
    EquatableArray<FormatLocal> FormatLocals,
    EquatableArray<ConversionSpec> Conversions,
    EquatableArray<Stmt> Body,
    bool Generated,
    bool HandWritten = false,
    bool NullableWarnings = true);
