// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>One measured exploration of the bench body.</summary>
internal sealed record BenchRun(int Workers, long Iterations, long Steps, double Seconds)
{
    public double StepsPerSecond => Seconds > 0 ? Steps / Seconds : 0;

    public double IterationsPerSecond => Seconds > 0 ? Iterations / Seconds : 0;
}
