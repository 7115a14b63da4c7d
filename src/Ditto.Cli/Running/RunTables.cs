using System.Globalization;
using Ditto.Models.Bert;
using Ditto.Models.Hosting;
using Ditto.Runtime.Ledger;
using Spectre.Console;

namespace Ditto.Cli.Running;

/// <summary>The terminal output of `ditto run` and `ditto demo`: the answer beside the plaintext answer, then costs by layer type.</summary>
internal static class RunTables
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(RunOutcome o)
    {
        var (preset, plan, approximations) = o.Spec.Settings();
        AnsiConsole.MarkupLine(Markup.Escape($"model {o.Model.Name} · preset {preset} · {plan} · three {(o.Processes ? "party processes over loopback TLS" : "in-process parties")}"));
        SubstitutionLines.Write(approximations);
        if (o.Secure.Embeddings is { } embeddings)
        {
            var table = new Table().Title("sentence embeddings (client) beside plaintext float").AddColumns("text", "first dimensions: secure / plaintext", "cosine");
            for (var i = 0; i < embeddings.Count; i++)
            {
                var secure = embeddings[i];
                var plain = o.Plaintext.Embeddings![i];
                table.AddRow(
                    Markup.Escape(Short(o.Spec.InputNames[i], 40)),
                    Markup.Escape($"{Dims(secure)}{Environment.NewLine}{Dims(plain)}"),
                    SentenceEncoder.Cosine(secure, plain).ToString("0.00000", Ci));
            }

            AnsiConsole.Write(table);
            if (embeddings.Count > 1)
            {
                var pairs = new Table().Title("pairwise cosine similarity: secure (plaintext)").AddColumn("");
                for (var j = 0; j < embeddings.Count; j++)
                {
                    pairs.AddColumn($"#{j}");
                }

                for (var i = 0; i < embeddings.Count; i++)
                {
                    pairs.AddRow([$"#{i} {Markup.Escape(Short(o.Spec.InputNames[i], 24))}", .. Enumerable.Range(0, embeddings.Count).Select(j =>
                        $"{SentenceEncoder.Cosine(embeddings[i], embeddings[j]).ToString("0.000", Ci)} ({SentenceEncoder.Cosine(o.Plaintext.Embeddings![i], o.Plaintext.Embeddings[j]).ToString("0.000", Ci)})")]);
                }

                AnsiConsole.Write(pairs);
            }
        }

        if (o.Secure.Classifications is { } classes)
        {
            var table = new Table().Title("sequence classification (client) beside plaintext float").AddColumns("input", "secure label (score)", "plaintext label (score)", "max |Δ logit|");
            for (var i = 0; i < classes.Count; i++)
            {
                var (secure, plain) = (classes[i], o.Plaintext.Classifications![i]);
                table.AddRow(
                    Markup.Escape(Short(o.Spec.InputNames[i], 40)),
                    Markup.Escape(string.Format(Ci, "{0} ({1:0.000})", secure.Label, secure.Score)),
                    Markup.Escape(string.Format(Ci, "{0} ({1:0.000})", plain.Label, plain.Score)),
                    secure.Logits.Zip(plain.Logits, (a, b) => Math.Abs(a - b)).Max().ToString("0.0000", Ci));
            }

            AnsiConsole.Write(table);
        }

        if (o.Secure.Tokens is { } tokens && o.Model is DecoderModel decoder)
        {
            var table = new Table().Title("greedy generation (client) beside plaintext float").AddColumns("", "text", "tokens");
            table.AddRow("prompt", Markup.Escape(o.Spec.Texts[0]), Markup.Escape(string.Join(" ", o.Secure.PromptTokens ?? [])));
            table.AddRow("secure", Markup.Escape(decoder.Tokenizer.Decode(tokens)), Markup.Escape(string.Join(" ", tokens)));
            table.AddRow("plaintext", Markup.Escape(decoder.Tokenizer.Decode(o.Plaintext.Tokens!)), Markup.Escape(string.Join(" ", o.Plaintext.Tokens!)));
            AnsiConsole.Write(table);
        }

        if (o.Secure.Perplexity is { } perplexity)
        {
            AnsiConsole.MarkupLine(Markup.Escape(string.Format(Ci, "perplexity: secure {0:0.000}, plaintext {1:0.000} ({2:+0.00;-0.00}%), {3} predictions in {4} windows",
                perplexity.Perplexity, o.Plaintext.Perplexity!.Perplexity, 100 * ((perplexity.Perplexity / o.Plaintext.Perplexity.Perplexity) - 1), perplexity.Predictions, perplexity.Windows)));
        }

        WriteCosts(o.Report, o.Seconds, o.SetupSeconds);
        if (o.Ranges is { } ranges)
        {
            RangeReport.Write(ranges);
        }
    }

    public static void WriteCosts(CostReport report, double seconds, double setupSeconds)
    {
        var table = new Table().Title("cost by layer type (bytes sent by all parties; rounds on the critical path)").AddColumns("layer type", "seconds", "bytes", "rounds");
        foreach (var row in CostBreakdown.Of(report))
        {
            table.AddRow(Markup.Escape(row.Category), row.Seconds.ToString("0.000", Ci), row.Bytes.ToString("N0", Ci), row.Rounds.ToString(Ci));
        }

        var inference = RunOutput.Inference(report);
        table.AddRow("[bold]inference[/]", $"[bold]{seconds.ToString("0.000", Ci)}[/]", $"[bold]{inference.BytesTotal.ToString("N0", Ci)}[/]", $"[bold]{inference.Rounds.ToString(Ci)}[/]");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(string.Format(Ci,
            "bytes per party {0}; weight sharing (once per session) {1:0.000} s; estimated LAN {2:0.00} s, WAN {3:0.00} s",
            string.Join(" / ", inference.BytesPerParty.Select(b => b.ToString("N0", Ci))), setupSeconds,
            RunOutput.Estimate(report, seconds, NetworkProfile.Lan), RunOutput.Estimate(report, seconds, NetworkProfile.Wan))));
    }

    private static string Dims(float[] v) => string.Join(" ", v.Take(6).Select(x => x.ToString("+0.0000;-0.0000", Ci))) + " …";

    private static string Short(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
