// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Strategies.Dpor;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Dpor;

/// <summary>
/// `verify`'s promise checked from outside: every trace that random schedules reach is among the
/// traces the DPOR search explored. On get-put the search once never ran the zap before the first
/// registration (a reader parked behind a writer that was queued no earlier than itself), and on
/// deferred-remove it missed orders of a sleeping wait_event and its wake_up; these
/// scenarios have a lock, an rw-semaphore, SRCU and frees between their threads, and verify completes on them.
/// </summary>
public sealed class DporCoverageTests
{
    [Theory]
    [InlineData("get-put")]
    [InlineData("fault-vs-zap")]
    [InlineData("oom-reap-contended")]
    [InlineData("exit-vs-unregister")]
    [InlineData("bad-input-enomem")]
    [InlineData("first-insert-vs-migrate")]
    [InlineData("deferred-remove")]
    public void Every_trace_random_schedules_reach_is_one_dpor_explored(string name)
    {
        var program = ScenarioProgram.Build(Models.Get(name));

        var dpor = new TraceClasses(new DporStrategy()).Explore(program, budget: 100_000);
        var sampled = new TraceClasses(new RandomStrategy(1)).Explore(program, budget: 20_000);

        Assert.True(dpor.Runs < 100_000, "the DPOR search did not finish");
        var missed = sampled.Classes.Count(c => !dpor.Classes.Contains(c));
        Assert.True(missed == 0, $"{missed} of the {sampled.Classes.Count} traces random schedules reached are not among DPOR's {dpor.Classes.Count}");
    }
}
