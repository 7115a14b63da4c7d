using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Ditto.Models.Tests.Support;

namespace Ditto.Models.Tests.Models;

/// <summary>
/// The model classes stay inside the DSL subset the source generator compiles: public methods over Tensor (plus int and
/// double parameters) returning Tensor; init-only [Weight] Tensor properties; sub-models that are themselves secure
/// models (or arrays of them); a precision for every method that every preset defines; and no APIs beyond the op library.
/// </summary>
public sealed partial class DslSubsetTests
{
    private static readonly Type[] ModelTypes = typeof(Presets).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<SecureModelAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void The_shipped_secure_models_are_these()
    {
        Assert.Equal(
            ["BertEmbeddings", "BertForSequenceClassification", "BertLayer", "BertModel", "BertPooler", "BertSelfAttention", "Dense", "FeedForward", "GatedFeedForward", "Gpt2Block", "Gpt2Model", "LayerNormalization", "LlamaAttention", "LlamaBlock", "LlamaModel", "Projection", "RmsNormalization"],
            ModelTypes.Select(t => t.Name));
    }

    [Fact]
    public void Methods_are_tensor_functions_with_a_precision_every_preset_defines()
    {
        foreach (var type in ModelTypes)
        {
            Assert.True(type.IsPublic && type.IsSealed, $"{type.Name} must be public and sealed");
            var classPrecision = type.GetCustomAttribute<FixedPointAttribute>();
            // The plaintext methods: the generated backend twins (first parameter IBackend) are checked by the generator's tests.
            var plaintext = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetParameters().FirstOrDefault()?.ParameterType != typeof(Ditto.Runtime.Backends.IBackend))
                .ToList();
            Assert.NotEmpty(plaintext);
            foreach (var method in plaintext)
            {
                // A [Public] tensor stays a Tensor in the twin; a secret one becomes a backend value.
                Assert.True(type.GetMethod(method.Name, [typeof(Ditto.Runtime.Backends.IBackend), .. method.GetParameters().Select(p => p.ParameterType == typeof(Tensor) && p.GetCustomAttribute<PublicAttribute>() is null ? typeof(Ditto.Runtime.Backends.Value) : p.ParameterType)]) is not null,
                    $"{type.Name}.{method.Name} has no generated backend twin");
                var where = $"{type.Name}.{method.Name}";
                Assert.Equal(typeof(Tensor), method.ReturnType);
                Assert.All(method.GetParameters(), p => Assert.True(p.ParameterType == typeof(Tensor) || p.ParameterType == typeof(int) || p.ParameterType == typeof(double), $"{where}: parameter {p.Name} is {p.ParameterType.Name}"));
                var precision = method.GetCustomAttribute<FixedPointAttribute>() ?? classPrecision;
                Assert.True(precision is not null, $"{where} has no precision (on the method or its class)");
                Assert.All(Presets.All, preset => _ = preset.Plan[precision!.PrecisionName!]);
            }
        }
    }

    [Fact]
    public void Properties_are_init_only_weights_sub_models_or_public_numbers()
    {
        foreach (var type in ModelTypes)
        {
            Assert.Empty(type.GetFields(BindingFlags.Public | BindingFlags.Instance));
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var where = $"{type.Name}.{property.Name}";
                var setter = property.SetMethod;
                Assert.True(setter is not null && setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)), $"{where} must be init-only");
                var t = property.PropertyType;
                if (property.GetCustomAttribute<WeightAttribute>() is not null)
                {
                    Assert.True(t == typeof(Tensor), $"{where} is a [Weight] but not a Tensor");
                    continue;
                }

                var element = t.IsArray ? t.GetElementType()! : t;
                Assert.True(
                    element.GetCustomAttribute<SecureModelAttribute>() is not null || t == typeof(int) || t == typeof(double) || t == typeof(bool) || t == typeof(GeluVariant),
                    $"{where} ({t.Name}) is neither a weight, a secure sub-model nor a public number");
            }
        }
    }

    [Fact]
    public void Model_sources_use_no_api_outside_the_dsl()
    {
        var files = Directory.EnumerateFiles(Path.Combine(TestData.RepositoryRoot, "src", "Ditto.Models"), "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("[SecureModel]", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(ModelTypes.Length, files.Count);
        foreach (var file in files)
        {
            var code = string.Join('\n', File.ReadLines(file).Select(l => CommentPattern().Replace(l, string.Empty)));
            var forbidden = ForbiddenPattern().Matches(code).Select(m => m.Value).ToList();
            Assert.True(forbidden.Count == 0, $"{Path.GetFileName(file)} uses {string.Join(", ", forbidden)} inside a secure model");
        }
    }

    [GeneratedRegex(@"//.*$")]
    private static partial Regex CommentPattern();

    // Reading values, LINQ, lambdas, loops over collections, exceptions, async, other numeric APIs, building tensors by hand.
    [GeneratedRegex(@"\.Data\b|\.Select\(|\.Where\(|(?<!Ops)\.Sum\(|\.Aggregate\(|=>\s*\{|\b\w+\s*=>\s*\w+\s*[\.\(]|\bforeach\b|\btry\b|\bcatch\b|\bthrow\b|\basync\b|\bawait\b|\bMath\.|\bMathF\.|new Tensor\b|new float\[|\bwhile\b|\bdo\b|\bgoto\b")]
    private static partial Regex ForbiddenPattern();
}
