using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Ditto.Models.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which, read from its IL with Mono.Cecil: base types, interfaces, fields,
/// properties, events, signatures, attributes, locals and every type, method or field an instruction names. Compiler-made
/// nested types count for the namespace of the type they are nested in.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    /// <summary>Namespace → namespaces it uses, each with one type that shows the use ("A uses B in type T").</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    /// <summary>Every namespace that declares a type.</summary>
    public HashSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>The graph of <paramref name="assemblyPath"/>, keeping only namespaces that start with <paramref name="prefix"/>.</summary>
    public static NamespaceGraph Read(string assemblyPath, string prefix)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.Types.Where(t => t.Namespace.Length > 0))
        {
            graph.Namespaces.Add(type.Namespace);
            graph.Visit(type, type.Namespace, type.FullName, prefix);
        }

        return graph;
    }

    /// <summary>The namespaces that use each other in a loop (Tarjan's strongly connected components of more than one).</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        var counter = 0;

        void Strong(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges.TryGetValue(v, out var e) ? e.Keys : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Strong(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    result.Add(component);
                }
            }
        }

        foreach (var v in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Strong(v);
            }
        }

        return result;
    }

    private void Visit(TypeDefinition type, string ns, string owner, string prefix)
    {
        void Use(TypeReference? t) => AddType(t, ns, owner, prefix);

        Use(type.BaseType);
        foreach (var i in type.Interfaces)
        {
            Use(i.InterfaceType);
        }

        Attributes(type, Use);
        foreach (var p in type.GenericParameters)
        {
            foreach (var c in p.Constraints)
            {
                Use(c.ConstraintType);
            }
        }

        foreach (var f in type.Fields)
        {
            Use(f.FieldType);
            Attributes(f, Use);
        }

        foreach (var p in type.Properties)
        {
            Use(p.PropertyType);
            Attributes(p, Use);
        }

        foreach (var e in type.Events)
        {
            Use(e.EventType);
        }

        foreach (var m in type.Methods)
        {
            Use(m.ReturnType);
            Attributes(m, Use);
            foreach (var p in m.Parameters)
            {
                Use(p.ParameterType);
                Attributes(p, Use);
            }

            if (!m.HasBody)
            {
                continue;
            }

            foreach (var v in m.Body.Variables)
            {
                Use(v.VariableType);
            }

            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Use(t);
                        break;
                    case MethodReference r:
                        Use(r.DeclaringType);
                        Use(r.ReturnType);
                        foreach (var p in r.Parameters)
                        {
                            Use(p.ParameterType);
                        }

                        if (r is GenericInstanceMethod g)
                        {
                            foreach (var a in g.GenericArguments)
                            {
                                Use(a);
                            }
                        }

                        break;
                    case FieldReference f:
                        Use(f.DeclaringType);
                        Use(f.FieldType);
                        break;
                    case Instruction or Instruction[] or VariableDefinition or ParameterDefinition or null:
                        break;
                }
            }
        }

        foreach (var nested in type.NestedTypes)
        {
            Visit(nested, ns, owner, prefix);
        }
    }

    private static void Attributes(ICustomAttributeProvider provider, Action<TypeReference?> use)
    {
        foreach (var a in provider.CustomAttributes)
        {
            use(a.AttributeType);
            foreach (var arg in a.ConstructorArguments)
            {
                use(arg.Type);
                if (arg.Value is TypeReference t)
                {
                    use(t);
                }
            }
        }
    }

    private void AddType(TypeReference? t, string ns, string owner, string prefix)
    {
        while (t is not null)
        {
            switch (t)
            {
                case GenericInstanceType g:
                    foreach (var a in g.GenericArguments)
                    {
                        AddType(a, ns, owner, prefix);
                    }

                    t = g.ElementType;
                    continue;
                case TypeSpecification s:
                    t = s.ElementType;
                    continue;
                case GenericParameter:
                    return;
            }

            var declaring = t;
            while (declaring.DeclaringType is not null)
            {
                declaring = declaring.DeclaringType;
            }

            var target = declaring.Namespace;
            if (target.Length > 0 && target != ns && (target == prefix || target.StartsWith(prefix + ".", StringComparison.Ordinal)))
            {
                if (!_edges.TryGetValue(ns, out var targets))
                {
                    _edges[ns] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                targets.TryAdd(target, owner);
            }

            return;
        }
    }
}
