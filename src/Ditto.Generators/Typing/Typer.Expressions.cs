using System;
using System.Collections.Generic;
using System.Linq;
using Ditto.Generators.Helpers;
using Ditto.Generators.Ir;
using Ditto.Generators.Model;

namespace Ditto.Generators.Typing;

/// <summary>Typing of secure expressions.</summary>
internal sealed partial class Typer
{
    private (Expr Expr, FormatRef Format, int?[]? Shape) Expression(SecureNode node)
    {
        switch (node)
        {
            case RefNode r:
                return (new ValueRef(r.Name), _storage.TryGetValue(r.Name, out var stored) ? stored : M, _shapes.TryGetValue(r.Name, out var known) ? known : null);

            case PublicTensorNode p:
                return (new PublicTensorRef(p.Text, FormatLocal(M)), M, null);

            case WeightNode w:
            {
                var format = w.Declared ?? M;
                return (new WeightRef(w.Access, FormatLocal(format)), format, null);
            }

            case BinaryNode { Kind: BinaryKind.Multiply } b:
                return Product(b, b.Left, b.Right, (l, r) => new BackendCall("Multiply", EquatableArray.Create(Arg.Of(l), Arg.Of(r))), "multiplication", inner: 1);

            case MatMulNode mm:
                return Product(mm, mm.Left, mm.Right, (l, r) => new BackendCall("MatMul", EquatableArray.Create(Arg.Of(l), Arg.Of(r), Arg.Public(mm.TransposeText))), "matmul", inner: null);

            case BinaryNode b:
            {
                var op = b.Kind == BinaryKind.Add ? "+" : "−";
                var (l, lf, ls, r, rf, rs) = Operands(b.Left, b.Right);
                var (format, ll, rr) = Agree(l, lf, b.Left.Source, r, rf, b.Right.Source, $"the operands of {op} must agree");
                return (new BackendCall(b.Kind == BinaryKind.Add ? "Add" : "Subtract", EquatableArray.Create(Arg.Of(ll), Arg.Of(rr))), format, Broadcast(ls, rs));
            }

            case UnaryNode u:
            {
                var (x, f, shape) = Expression(u.Operand);
                var args = new List<Arg> { Arg.Of(x) };
                args.AddRange(u.Arguments.Select(Arg.Public));
                return (new BackendCall(u.Method, args.ToEquatableArray()), f, Shapes.Of(u.Method, shape, u.Constants));
            }

            case ConcatNode c:
            {
                var parts = c.Parts.Select(Expression).ToList();
                var same = parts.All(p => p.Format == parts[0].Format);
                var items = new List<Expr>();
                for (var i = 0; i < parts.Count; i++)
                {
                    items.Add(same ? parts[i].Expr : Convert(parts[i].Expr, parts[i].Format, M, c.Parts[i].Source, "the parts of Concat must agree"));
                }

                return (new BackendCall("Concat", EquatableArray.Create(Arg.Public(c.AxisText), Arg.Of(new ValueArray(items.ToEquatableArray())))), same && parts.Count > 0 ? parts[0].Format : M, null);
            }

            case FunctionNode fn:
            {
                var args = new List<Arg>();
                int?[]? shape = null;
                for (var i = 0; i < fn.Inputs.Count; i++)
                {
                    var (x, f, s) = Expression(fn.Inputs[i]);
                    shape ??= i == 0 ? s : null;
                    args.Add(Arg.Of(Convert(x, f, M, fn.Inputs[i].Source, $"{fn.Method} runs in the method's format {M.Display}")));
                }

                args.AddRange(fn.Arguments.Select(Arg.Public));
                return (new BackendCall(fn.Method, args.ToEquatableArray()), M, Shapes.Of(fn.Method, shape, fn.Constants));
            }

            case CallNode call:
            {
                var args = new List<Arg>();
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    var a = call.Arguments[i];
                    if (a.Secure is { } secure)
                    {
                        var (x, f, _) = Expression(secure);
                        var target = call.Callee.ParameterFormats[i] ?? M;
                        args.Add(Arg.Of(Convert(x, f, target, secure.Source, $"argument '{call.Callee.ParameterNames[i]}' of {call.Callee.Display} is declared {target.Display}")));
                    }
                    else
                    {
                        args.Add(Arg.Public(a.Text!));
                    }
                }

                return (new ModelCall(call.Receiver, call.Method, args.ToEquatableArray()), call.Callee.ReturnFormat, null);
            }

            case ConditionalNode c:
            {
                var (t, tf, ts) = Expression(c.WhenTrue);
                var (e, ef, es) = Expression(c.WhenFalse);
                var (format, tt, ee) = Agree(t, tf, c.WhenTrue.Source, e, ef, c.WhenFalse.Source, "the branches of ?: must agree");
                return (new ConditionalExpr(c.Condition, tt, ee), format, ts is not null && es is not null && ts.SequenceEqual(es) ? ts : null);
            }

            default:
                throw new InvalidOperationException($"Unknown secure node {node.GetType().Name}.");
        }
    }

    /// <summary>Two operands of a sum; a public tensor is encoded in the other operand's format, so they agree without a conversion.</summary>
    private (Expr L, FormatRef LF, int?[]? LS, Expr R, FormatRef RF, int?[]? RS) Operands(SecureNode left, SecureNode right)
    {
        if (left is PublicTensorNode pl && right is not PublicTensorNode)
        {
            var (r, rf, rs) = Expression(right);
            return (new PublicTensorRef(pl.Text, FormatLocal(rf)), rf, null, r, rf, rs);
        }

        var (l, lf, ls) = Expression(left);
        if (right is PublicTensorNode pr && left is not PublicTensorNode)
        {
            return (l, lf, ls, new PublicTensorRef(pr.Text, FormatLocal(lf)), lf, null);
        }

        var (r2, rf2, rs2) = Expression(right);
        return (l, lf, ls, r2, rf2, rs2);
    }

    /// <summary>Operands that must have one format: kept when equal, else each one not in the method's format is cast to it.</summary>
    private (FormatRef Format, Expr Left, Expr Right) Agree(Expr l, FormatRef lf, SourceRef ls, Expr r, FormatRef rf, SourceRef rs, string reason)
    {
        if (lf == rf)
        {
            return (lf, l, r);
        }

        return (M, Convert(l, lf, M, ls, $"{reason} (in the method's format {M.Display})"), Convert(r, rf, M, rs, $"{reason} (in the method's format {M.Display})"));
    }

    /// <summary>
    /// A multiplication or matmul: operands keep their formats when they can be multiplied as they are (one format, or
    /// concrete formats of one ring), else they are cast to the method's format; the product (fraction bits summed) is
    /// then truncated to the method's format.
    /// </summary>
    private (Expr Expr, FormatRef Format, int?[]? Shape) Product(SecureNode node, SecureNode left, SecureNode right, Func<Expr, Expr, Expr> make, string what, int? inner)
    {
        var (l, lf, ls) = Expression(left);
        var (r, rf, rs) = Expression(right);
        if (!FormatRules.CanMultiply(lf, rf))
        {
            l = Convert(l, lf, M, left.Source, $"the operands of the {what} must share a ring (in the method's format {M.Display})");
            r = Convert(r, rf, M, right.Source, $"the operands of the {what} must share a ring (in the method's format {M.Display})");
            lf = M;
            rf = M;
        }

        var product = FormatRules.ProductOf(lf, rf);
        int?[]? shape;
        int? k;
        if (node is MatMulNode mm)
        {
            (shape, k) = Shapes.MatMul(ls, rs, mm.Transpose);
        }
        else
        {
            shape = Broadcast(ls, rs);
            k = inner;
        }

        CheckHeadroom(node, product, what, k);
        var e = Convert(make(l, r), product, M, node.Source, $"truncation after the {what}");
        return (e, M, shape);
    }

    private static int?[]? Broadcast(int?[]? a, int?[]? b) => a is null ? b : b is null ? a : a.Length >= b.Length ? a : b;
}
