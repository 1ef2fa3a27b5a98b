// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Tests.Traces;

/// <summary>What a recorded step says beyond the access: the locks its thread holds and the named function it ran in.</summary>
public sealed class StepRecordFieldsTests
{
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class PortsAttribute(string name) : Attribute, INamedFunction
    {
        public string Name { get; } = name;
    }

    [Ports("outer_fn")]
    private static async Task Outer(ICell<int> cell)
    {
        await cell.WriteOnce(1);
        await Inner(cell);
        await cell.WriteOnce(3);
        await Unnamed(cell);
    }

    [Ports("inner_fn")]
    private static async Task Inner(ICell<int> cell) => await cell.WriteOnce(2);

    private static async Task Unnamed(ICell<int> cell) => await cell.WriteOnce(4);

    /// <summary>Awaits a named callee: its own later step is still its own, unnamed.</summary>
    private static async Task UnnamedCaller(ICell<int> cell)
    {
        await Inner(cell);
        await cell.WriteOnce(5);
    }

    private static IReadOnlyList<StepRecord> StepsOf(Func<IRuntime, Task> body, Detectors detectors = Detectors.All)
    {
        var report = Explorer.Explore(TestProgram.Sample("fields", async rt =>
        {
            await body(rt);
            rt.Assert(false, "end of the program");  // a bug, so the run is replayed with its steps recorded
        }), new ExplorationOptions { Strategy = "dfs", Iterations = 1, Detectors = detectors });
        return report.Bugs[0].Steps;
    }

    private static StepRecord Write(IReadOnlyList<StepRecord> steps, int value) =>
        steps.Single(s => s.Access == AccessKind.WriteOnce && s.Detail == $"= {value}");

    [Fact]
    public void Each_step_names_the_function_taking_it_and_none_outside_a_named_one()
    {
        var steps = StepsOf(async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            await Outer(cell);
            await UnnamedCaller(cell);
        });

        Assert.Equal("outer_fn", Write(steps, 1).Function);
        Assert.All(steps.Where(s => s.Detail == "= 2"), s => Assert.Equal("inner_fn", s.Function));
        Assert.Equal("outer_fn", Write(steps, 3).Function);
        Assert.Null(Write(steps, 4).Function);
        Assert.Null(Write(steps, 5).Function);
    }

    [Fact]
    public void Each_step_carries_the_locks_its_thread_holds_after_it()
    {
        var steps = StepsOf(async rt =>
        {
            var outer = rt.NewMutex("outer");
            var inner = rt.NewSpinLock("inner");
            var cell = rt.NewCell("cell", 0);
            await outer.Lock();
            await inner.Lock();
            await cell.WriteOnce(1);
            await inner.Unlock();
            await cell.WriteOnce(2);
            await outer.Unlock();
            await cell.WriteOnce(3);
        });

        Assert.Equal("outer, inner", Write(steps, 1).Locks);
        Assert.Equal("outer", Write(steps, 2).Locks);
        Assert.Equal("none", Write(steps, 3).Locks);
    }

    [Fact]
    public void Without_lockdep_no_lock_stack_is_claimed()
    {
        var steps = StepsOf(async rt =>
        {
            var guard = rt.NewMutex("guard");
            var cell = rt.NewCell("cell", 0);
            await guard.Lock();
            await cell.WriteOnce(1);
            await guard.Unlock();
        }, Detectors.All & ~Detectors.Lockdep);

        Assert.Null(Write(steps, 1).Locks);
    }
}
