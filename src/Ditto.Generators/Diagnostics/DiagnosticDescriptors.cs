using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ditto.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the Ditto generator reports, in one place. Each has a page docs/diagnostics/&lt;ID&gt;.md and a row in
/// AnalyzerReleases.Unshipped.md; keep the three in sync. Errors mean "cannot generate safe code", warnings mean "the
/// generated code may lose precision or overflow", info is advice.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Ditto.Generator";

    /// <summary>
    /// The help link of every diagnostic is its page's path relative to the repository root, docs/diagnostics/&lt;ID&gt;.md
    /// (docs/generator.md, "Diagnostics"): the project has no public URL, so none is invented. A package built for
    /// publication can rewrite this base to wherever the docs are served.
    /// </summary>
    private const string HelpBase = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor ModelNotPartial = new DiagnosticDescriptor(
        id: "DITTO0001",
        title: "Secure model types must be partial",
        messageFormat: "The secure model '{0}' must be declared partial{1}, so that the generator can add its secure twins",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds the secure twins of a [SecureModel] type to the type itself, which needs the type and every type that contains it to be partial.",
        helpLinkUri: HelpBase + "DITTO0001" + ".md");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new DiagnosticDescriptor(
        id: "DITTO0002",
        title: "Construct not supported in secure model code",
        messageFormat: "{0} is not supported in secure model code{1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Secure model code is a subset of C#: tensor arithmetic, the op library, calls to other secure models, locals, and public control flow. Other constructs cannot be translated to the secure backends.",
        helpLinkUri: HelpBase + "DITTO0002" + ".md");

    public static readonly DiagnosticDescriptor SecretDependence = new DiagnosticDescriptor(
        id: "DITTO0003",
        title: "Secret-dependent control flow or indexing",
        messageFormat: "'{0}' reads the values of a secret tensor, but {1} must be public",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every tensor value is secret in the secure backends, so conditions, loop bounds, indices and other public values cannot depend on tensor values; only a tensor's shape is public.",
        helpLinkUri: HelpBase + "DITTO0003" + ".md");

    public static readonly DiagnosticDescriptor InvalidFormat = new DiagnosticDescriptor(
        id: "DITTO0004",
        title: "Invalid fixed-point format",
        messageFormat: "{0} is not a valid fixed-point format: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A fixed-point format is a 32- or 64-bit ring with 0 to ring − 2 fraction bits, or a non-empty named precision.",
        helpLinkUri: HelpBase + "DITTO0004" + ".md");

    public static readonly DiagnosticDescriptor Headroom = new DiagnosticDescriptor(
        id: "DITTO0005",
        title: "A product may overflow its ring",
        messageFormat: "The {0} may overflow the {1}-bit ring: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A product of values with fa and fb fraction bits summed over K terms needs about fa + fb + log2(K) + 4 bits (4 bits for the magnitude of the values) below the ring size, or it wraps around.",
        helpLinkUri: HelpBase + "DITTO0005" + ".md");

    public static readonly DiagnosticDescriptor UpcastPrecondition = new DiagnosticDescriptor(
        id: "DITTO0006",
        title: "Upcast precondition not guaranteed",
        messageFormat: "The upcast of {0} from {1} to {2} needs |x| < 2^30 ring units, but {1} leaves {3} integer bits, fewer than the 4 the generator assumes values need",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Ditto's fast upcast from the 32-bit to the 64-bit ring requires |x| < 2^(k−2) in ring units; a format with many fraction bits leaves too little room for the value's integer part.",
        helpLinkUri: HelpBase + "DITTO0006" + ".md");

    public static readonly DiagnosticDescriptor NotSecureCode = new DiagnosticDescriptor(
        id: "DITTO0007",
        title: "Call into code that is not part of a secure model",
        messageFormat: "'{0}' {1}; secure model code may only pass tensors to the op library and to methods of [SecureModel] types",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A tensor is secret in the secure backends: it can flow only into the op library (Tensor, Ops) and into other secure models, whose twins the generator knows.",
        helpLinkUri: HelpBase + "DITTO0007" + ".md");

    public static readonly DiagnosticDescriptor ConflictingAnnotation = new DiagnosticDescriptor(
        id: "DITTO0008",
        title: "Conflicting or meaningless annotation",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "[FixedPoint] applies to secure values (tensor parameters, tensor-returning methods, weights) and to models; [Weight] applies to tensor fields and properties. Elsewhere the annotation is ignored.",
        helpLinkUri: HelpBase + "DITTO0008" + ".md");

    public static readonly DiagnosticDescriptor NotAWeight = new DiagnosticDescriptor(
        id: "DITTO0009",
        title: "Tensor member is not a weight",
        messageFormat: "The tensor member '{0}' is read by secure code but is not marked [Weight]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Secure code reads tensors held by a model only as weights, which the model owner secret-shares once; mark the member [Weight].",
        helpLinkUri: HelpBase + "DITTO0009" + ".md");

    public static readonly DiagnosticDescriptor InternalError = new DiagnosticDescriptor(
        id: "DITTO0010",
        title: "The generator failed",
        messageFormat: "The Ditto generator failed on '{0}': {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator met something it did not expect; it reports this instead of failing the build. Please report it with the code that caused it.",
        helpLinkUri: HelpBase + "DITTO0010" + ".md");

    public static readonly DiagnosticDescriptor UnknownPrecision = new DiagnosticDescriptor(
        id: "DITTO0011",
        title: "Named precision is not a built-in name",
        messageFormat: "The named precision '{0}' is not one of the built-in names (Linear, NonLinear) and the assembly does not declare it ([assembly: DefinesPrecision(\"{0}\")]); a precision plan that does not define it fails at run time",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Named precisions resolve through the precision plan at run time; the built-in plans define Linear and NonLinear only. Declare the names your own plans define with [assembly: DefinesPrecision(\"Name\")].",
        helpLinkUri: HelpBase + "DITTO0011" + ".md");

    public static readonly DiagnosticDescriptor IntegerBitsDropped = new DiagnosticDescriptor(
        id: "DITTO0012",
        title: "A conversion drops integer bits",
        messageFormat: "The conversion of {0} from {1} to {2} keeps {3} integer bits of {4}: a value of magnitude 2^{3} or more wraps around",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A format with k ring bits and f fraction bits holds values below 2^(k − 2 − f) (two guard bits). Converting to a format that holds fewer integer bits than the value's is correct only while the value is small enough; the generator cannot know the values, so it says where the range narrows.",
        helpLinkUri: HelpBase + "DITTO0012" + ".md");

    public static readonly DiagnosticDescriptor PinHasNoEffect = new DiagnosticDescriptor(
        id: "DITTO0013",
        title: "A pinned op that no preset substitutes",
        messageFormat: "[PinOp(\"{0}\")] has no effect: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Presets may replace GeLU, SiLU, Softmax and CausalSoftmax by other functions or approximations; pinning keeps the model's own definition. Pinning another op, or a name that is not in the op library, changes nothing.",
        helpLinkUri: HelpBase + "DITTO0013" + ".md");

    public static readonly DiagnosticDescriptor SecretIntoPublic = new DiagnosticDescriptor(
        id: "DITTO0014",
        title: "A secret value flows into a public one",
        messageFormat: "'{0}' is secret, but {1} is public: a public tensor is never shared, so a secret cannot flow into it",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Public tensors ([Public] parameters, and locals computed only from public values) are plain values every party knows; their products with secrets are local. A secret value reaches one only by being revealed, which secure code never does implicitly.",
        helpLinkUri: HelpBase + "DITTO0014" + ".md");

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        ModelNotPartial, UnsupportedConstruct, SecretDependence, InvalidFormat, Headroom, UpcastPrecondition,
        NotSecureCode, ConflictingAnnotation, NotAWeight, InternalError, UnknownPrecision, IntegerBitsDropped, PinHasNoEffect,
        SecretIntoPublic);
}
