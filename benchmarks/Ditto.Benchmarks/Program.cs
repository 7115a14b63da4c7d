using BenchmarkDotNet.Running;

// Kernel micro-benchmarks. Run: dotnet run -c Release --project benchmarks/Ditto.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Ditto.Benchmarks.MatMulKernelBenchmarks).Assembly).Run(args);
