using System.CommandLine;
using Ditto.Cli.Commands;

var root = new RootCommand("Ditto for .NET: quantization-aware secure inference of Transformers with three-party computation.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(MicrobenchCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(KeygenCommand.Create());
root.Subcommands.Add(PartyCommand.Create());
root.Subcommands.Add(NetbenchCommand.Create());
return CommandRunner.Invoke(root, args);
