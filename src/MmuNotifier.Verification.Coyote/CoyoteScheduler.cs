// SPDX-License-Identifier: GPL-2.0-only
using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Real;
using CoyoteRandom = Microsoft.Coyote.Random.Generator;

namespace MmuNotifier.Verification.Coyote;

/// <summary>
/// The real runtime's threads as Coyote controlled operations: each logical thread's OS thread
/// is one operation, each of our scheduling points one of Coyote's, blocking Coyote's "paused
/// until", choices Coyote's controlled random values and a fatal bug a Coyote assertion failure.
/// </summary>
internal sealed class CoyoteScheduler : IThreadScheduler
{
    private readonly CoyoteRandom _random = CoyoteRandom.Create();

    public object? CreateThread(string name)
    {
        ulong id = Operation.CreateNext() ?? throw NotUnderCoyote();
        Operation.Start(id);
        return id;
    }

    public void ThreadStarted(object? token) => Operation.OnStarted((ulong)token!);

    public void ThreadFinished()
    {
        try
        {
            Operation.OnCompleted();
            Operation.ScheduleNext();
        }
        catch (ThreadInterruptedException)
        {
            // Coyote ended the iteration while this thread unwound: nothing is left to hand over.
        }
    }

    public void SchedulingPoint() => Microsoft.Coyote.Runtime.SchedulingPoint.Interleave();

    public void PauseUntil(Func<bool> ready)
    {
        Operation.PauseUntil(ready);
        // Coyote also returns from a pause when it ends the iteration (deadlock, bug, bound): unwind then.
        if (!ready()) throw new ThreadInterruptedException();
    }

    public int Choose(int count) => _random.NextInteger(count);

    public void Fail(Bug bug) => Specification.Assert(false, CoyoteBugText.Of(bug));

    private static InvalidOperationException NotUnderCoyote() =>
        new("CoyoteRuntime runs only inside a Coyote test (dotnet coyote test, or Coyote's TestingEngine)");
}
