// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// A full collection before each measured side, as BenchmarkDotNet does between iterations: one
/// side's garbage (Coyote leaves hundreds of kilobytes per schedule, and its thread objects) is
/// otherwise collected on the other side's clock.
/// </summary>
internal static class HeapSettle
{
    public static void Now()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
