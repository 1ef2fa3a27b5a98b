// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection.Emit;
using MmuNotifier.Verification.Cli.Bench;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// The benches' warm-up ends when the JIT has gone quiet, and says so when it never did. The JIT's
/// count is the process's, so these run alone: other tests compiling meanwhile would keep it busy.
/// </summary>
[Collection(nameof(WarmUpTests))]
[CollectionDefinition(nameof(WarmUpTests), DisableParallelization = true)]
public sealed class WarmUpTests
{
    [Fact]
    public void A_quiet_jit_ends_the_warm_up_after_the_minimum()
    {
        var chunks = 0;
        var result = WarmUp.Until(() =>
        {
            chunks++;
            Thread.Sleep(20);
            return false;
        });

        Assert.False(result.GaveUp);
        Assert.InRange(result.Elapsed, WarmUp.Minimum, WarmUp.Maximum);
        Assert.True(chunks > 1);
        Assert.Null(WarmUpResult.Note([result]));
    }

    [Fact]
    public void A_jit_that_keeps_compiling_makes_it_give_up_and_say_so()
    {
        // Every chunk compiles methods of its own, more than a quiet window tolerates.
        var result = WarmUp.Until(() =>
        {
            for (var i = 0; i <= WarmUp.Trickle; i++) CompileOne();
            Thread.Sleep(5);
            return false;
        }, maximum: TimeSpan.FromSeconds(1));

        Assert.True(result.GaveUp);
        Assert.Contains("still compiling", WarmUpResult.Note([new WarmUpResult(TimeSpan.Zero, false), result]));
    }

    [Fact]
    public void A_chunk_that_has_had_enough_ends_it_at_once()
    {
        var result = WarmUp.Until(() => true);
        Assert.False(result.GaveUp);
        Assert.True(result.Elapsed < WarmUp.Minimum);
    }

    private static void CompileOne()
    {
        var method = new DynamicMethod("warm_up_probe", typeof(int), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, Environment.TickCount);
        il.Emit(OpCodes.Ret);
        _ = ((Func<int>)method.CreateDelegate(typeof(Func<int>)))();
    }
}
