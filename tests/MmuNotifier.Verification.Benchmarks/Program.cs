// SPDX-License-Identifier: GPL-2.0-only
using BenchmarkDotNet.Running;

namespace MmuNotifier.Verification.Benchmarks;

/// <summary>`dotnet run -c Release --project tests/MmuNotifier.Verification.Benchmarks -- --filter '*'` (BenchmarkDotNet's own options).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
