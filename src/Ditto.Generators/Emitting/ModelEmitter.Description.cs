using System.Linq;
using Ditto.Generators.Helpers;
using Ditto.Generators.Model;

namespace Ditto.Generators.Emitting;

/// <summary>The static model description: formats, conversions (from, to, why, line) and an entry point per twin.</summary>
internal static partial class ModelEmitter
{
    private static void ModelDescription(SourceWriter w, ModelSpec spec)
    {
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// The static description of the secure model <c>{Xml(spec.DisplayName)}</c>: the format of every method, parameter and");
        w.WriteLine("/// weight, every conversion the generator inserted, and an entry point per twin (for cost estimates).");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCodeAttribute);
        w.WriteLine($"public static {(spec.HidesInheritedDescription ? "new " : string.Empty)}{Description}.ModelDescription ModelDescription {{ get; }} = new {Description}.ModelDescription(");
        w.Indent();
        w.WriteLine($"typeof({spec.FullyQualifiedName}),");
        w.WriteLine($"{Literals.Format(spec.DisplayName, null)},");
        w.WriteLine($"{Format(spec.DefaultFormat)},");
        w.WriteLine($"new {Description}.WeightDescription[]");
        w.OpenBrace();
        foreach (var weight in spec.Weights)
        {
            w.WriteLine($"new({Literals.Format(weight.Name, null)}, {(weight.Format is null ? "null" : Format(weight.Format))}),");
        }

        w.CloseBrace(",");
        w.WriteLine($"new {Description}.MethodDescription[]");
        w.OpenBrace();
        foreach (var m in spec.Methods)
        {
            w.WriteLine("new(");
            w.Indent();
            w.WriteLine($"{Literals.Format(m.Name.TrimStart('@'), null)},");
            w.WriteLine($"{Literals.Int(m.Line)},");
            w.WriteLine($"{Format(m.Format)},");
            w.WriteLine($"{Format(m.ReturnFormat)},");
            w.WriteLine($"new {Description}.ParameterDescription[]");
            w.OpenBrace();
            foreach (var p in m.Parameters)
            {
                var name = Literals.Format(p.Name.TrimStart('@'), null);
                w.WriteLine(p switch
                {
                    SecureParameter s => $"new({name}, {Format(s.Format)}),",
                    PublicParameter { DefaultText: { } d } q => $"new({name}, null, typeof({q.TypeOfText}), HasDefault: true, DefaultValue: {d}),",
                    PublicParameter q => $"new({name}, null, typeof({q.TypeOfText})),",
                    _ => throw new System.InvalidOperationException($"Unknown parameter {p.GetType().Name}."),
                });
            }

            w.CloseBrace(",");
            w.WriteLine($"new {Description}.ConversionDescription[]");
            w.OpenBrace();
            foreach (var c in m.Conversions)
            {
                w.WriteLine($"new({Format(c.From)}, {Format(c.To)}, {Literals.Format(c.Reason, null)}, {Literals.Int(c.Line)}),");
            }

            w.CloseBrace(",");
            w.WriteLine($"static (model, backend, arguments) => {Invoke(spec, m)}),");
            w.Unindent();
        }

        w.CloseBrace(");");
        w.Unindent();
    }

    private static string Invoke(ModelSpec spec, MethodSpec m)
    {
        var receiver = m.IsStatic ? spec.FullyQualifiedName : $"(({spec.FullyQualifiedName})model!)";
        var args = new[] { "backend" }.Concat(m.Parameters.Select((p, i) =>
            $"({(p is PublicParameter q ? q.TypeText : ValueType)})arguments[{Literals.Int(i)}]!"));
        return $"{receiver}.{m.Name}({string.Join(", ", args)})";
    }

    private static string Format(FormatRef f) => f switch
    {
        ConcreteFormat c => $"{Description}.FormatDescription.Concrete({Literals.Int(c.Ring)}, {Literals.Int(c.Fraction)})",
        NamedFormat n => $"{Description}.FormatDescription.Named({Literals.Format(n.Name, null)})",
        ProductFormat p => $"{Description}.FormatDescription.Product({Format(p.Left)}, {Format(p.Right)})",
        _ => throw new System.InvalidOperationException($"Unknown format {f.GetType().Name}."),
    };
}
