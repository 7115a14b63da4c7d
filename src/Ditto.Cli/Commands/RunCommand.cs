using System.CommandLine;
using System.Text.Json;
using Ditto.Cli.Jobs;
using Ditto.Cli.Processes;
using Ditto.Cli.Progress;
using Ditto.Cli.Running;
using Ditto.Models;

namespace Ditto.Cli.Commands;

/// <summary>`ditto run`: secure inference of a real model with three parties, beside its plaintext answer, with costs by layer type.</summary>
internal static class RunCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "minilm (all-MiniLM-L6-v2, built in), a folder with config.json + model.safetensors (BERT with vocab.txt and optional tokenizer_config.json, or a GPT-2, LLaMA, Mistral or Qwen2 decoder with vocab.json + merges.txt), or a folder with model.onnx + vocab.txt.", Required = true };
        var text = new Option<string[]>("--text") { Description = "The client's text (repeat for several sentences; a decoder continues the first).", AllowMultipleArgumentsPerToken = false };
        var pair = new Option<string[]>("--pair") { Description = "Encoders: a sentence pair read together ([CLS] A [SEP] B [SEP], token types 0 then 1), e.g. a question and a passage; repeat for several. Answered after the --text inputs, in the same batch.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var preset = new Option<string>("--preset") { Description = PlanChoice.PresetHelp, DefaultValueFactory = _ => "ditto" };
        preset.AcceptOnlyFromAmong([.. Presets.Names]);
        var plan = new Option<string?>("--plan") { Description = PlanChoice.PlanHelp };
        var generate = new Option<int>("--generate") { Description = "Decoders: generate this many tokens greedily after the text.", DefaultValueFactory = _ => 0 };
        var perplexity = new Option<FileInfo?>("--perplexity") { Description = "Decoders: report the perplexity of this text file (windows of the context length)." };
        var windows = new Option<int>("--max-windows") { Description = "Perplexity: evaluate at most this many windows.", DefaultValueFactory = _ => int.MaxValue };
        var seed = new Option<ulong?>("--seed") { Description = "Seed the parties' randomness for a reproducible run (default: fresh randomness)." };
        var processes = new Option<bool>("--processes") { Description = "Run the parties as three `ditto party` processes over loopback TLS instead of threads." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var checkRanges = new Option<bool>("--check-ranges") { Description = "Also run the checking emulator on the same input: every truncation, conversion and encoding against its precondition, per scope and source line (docs/protocols.md, range checker)." };
        var command = new Command("run", "Secure inference of a model with three parties: the answer beside the plaintext answer, and the cost per layer type.")
        {
            model, text, pair, preset, plan, generate, perplexity, windows, seed, processes, json, checkRanges,
        };
        command.SetAction(parse =>
        {
            var spec = new RunSpec(
                parse.GetValue(model)!,
                parse.GetValue(text) ?? [],
                parse.GetValue(preset)!,
                parse.GetValue(plan),
                parse.GetValue(generate),
                parse.GetValue(perplexity)?.FullName,
                parse.GetValue(windows),
                Pairs(parse.GetValue(pair) ?? []));
            if (spec.PerplexityFile is null && spec.Texts.Length == 0 && spec.Pairs!.Length == 0)
            {
                throw new ArgumentException("ditto run needs --text or --pair (or --perplexity for a decoder).");
            }

            return Execute(spec, parse.GetValue(processes), parse.GetValue(seed), parse.GetValue(json), checkRanges: parse.GetValue(checkRanges));
        });
        return command;
    }

    /// <summary>--pair's texts two by two; an odd count is an error naming the option.</summary>
    private static string[][] Pairs(string[] texts) => texts.Length % 2 == 0
        ? [.. texts.Chunk(2)]
        : throw new ArgumentException($"--pair takes its texts two by two (A B); got {texts.Length}.");

    /// <summary>Runs a spec and prints it (shared with `ditto demo`).</summary>
    public static int Execute(RunSpec spec, bool processes, ulong? seed, bool json, string? workDirectory = null, ChildFault? fault = null, string command = "ditto run", bool checkRanges = false)
    {
        RunOutcome outcome;
        try
        {
            outcome = InferenceRun.Run(spec, processes, seed, ProgressDisplay.ShouldShow(json), workDirectory, fault, checkRanges);
        }
        catch (PartyProcessesException e)
        {
            Console.Error.WriteLine($"{command} --processes: error: {e.Message}");
            return e.ExitCode;
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(RunOutput.Json(outcome), Json));
        }
        else
        {
            RunTables.Write(outcome);
        }

        return 0;
    }
}
