using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(NumbersBot.Benchmarks.NumbersCardBenchmarks).Assembly).Run(args);
