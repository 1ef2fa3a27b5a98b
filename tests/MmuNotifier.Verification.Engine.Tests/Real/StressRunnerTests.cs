// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Real;

public sealed class StressRunnerTests
{
    [Fact]
    public void A_correct_program_runs_every_iteration_without_bugs()
    {
        var report = StressRunner.Run(TestProgram.Sample("locked-counter", rt => Counter(rt, locked: true, perThread: 50)), new StressOptions { Iterations = 5 });

        Assert.Equal(5, report.Iterations);
        Assert.False(report.FoundBug);
        Assert.Null(report.FirstProblem);
        Assert.True(report.TotalOperations > 0);
    }

    [Fact]
    public void A_lost_update_is_found_and_the_loop_stops_at_it()
    {
        var report = StressRunner.Run(
            TestProgram.Sample("racy-counter", rt => Counter(rt, locked: false, perThread: 300)),
            // The budget only bounds a loaded machine; an idle one finds the lost update within a few runs.
            new StressOptions { Iterations = 200, TimeBudget = TimeSpan.FromSeconds(30) });

        Assert.True(report.FoundBug, $"no lost update in {report.Iterations} runs");
        Assert.Equal(BugKind.Assertion, report.FirstBug!.Kind);
        Assert.Equal(report.Iterations, report.FirstBugIteration);
        Assert.NotNull(report.TimeToFirstBug);
        Assert.True(report.FoundBug);
    }

    [Fact]
    public void The_time_budget_bounds_the_loop()
    {
        var report = StressRunner.Run(
            TestProgram.Sample("empty", _ => Task.CompletedTask),
            new StressOptions { Iterations = long.MaxValue, TimeBudget = TimeSpan.FromMilliseconds(200) });

        Assert.True(report.Iterations > 0);
        Assert.InRange(report.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_harness_error_ends_the_loop()
    {
        var report = StressRunner.Run(TestProgram.Sample("escapes", async _ => await Task.Yield()), new StressOptions { Iterations = 50 });

        Assert.Equal(1, report.Iterations);
        Assert.Equal(BugKind.HarnessError, report.FirstProblem!.Kind);
        Assert.False(report.FoundBug);
    }

    /// <summary>
    /// The continuation of the uncontrolled await runs on the pool and finishes the body's task
    /// before the thread looks at it (here on purpose: the body waits for it; under load by
    /// chance). That still ended the body outside the runtime's control.
    /// </summary>
    [Fact]
    public void A_harness_error_is_caught_when_the_escaped_continuation_finishes_first()
    {
        static async Task Escape() => await Task.Yield();
        var report = StressRunner.Run(TestProgram.Sample("escapes-and-returns", _ =>
        {
            var task = Escape();
            SpinWait.SpinUntil(() => task.IsCompleted);
            return task;
        }), new StressOptions { Iterations = 50 });

        Assert.Equal(1, report.Iterations);
        Assert.Equal(BugKind.HarnessError, report.FirstProblem!.Kind);
        Assert.Contains("awaited something the runtime does not control", report.FirstProblem.Message);
    }

    /// <summary>Two CPUs add <paramref name="perThread"/> each to a shared cell, read and write as separate steps, with or without a lock.</summary>
    private static async Task Counter(IRuntime rt, bool locked, int perThread)
    {
        var spin = rt.NewSpinLock("lock");
        var count = rt.NewCell("count", 0);
        var arrived = rt.NewAtomic("arrived", 0);
        async Task Adder()
        {
            // Start together, so the two loops overlap even when a thread starts late.
            await arrived.AddReturn(1);
            while (await arrived.Read() < 2) await rt.Yield();
            for (int i = 0; i < perThread; i++)
            {
                if (locked) await spin.Lock();
                int seen = await count.Read();
                await rt.Yield();
                await count.Write(seen + 1);
                if (locked) await spin.Unlock();
            }
        }

        var a = rt.Spawn("a", Adder);
        var b = rt.Spawn("b", Adder);
        await a.Join();
        await b.Join();
        rt.Assert(count.Peek() == 2 * perThread, $"count is {count.Peek()}, not {2 * perThread}");
    }
}
