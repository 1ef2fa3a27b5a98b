// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Tests.Primitives;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>
/// An rw-semaphore fixes a thread's place in its queue where the thread parks at down_read or
/// down_write, so where threads park is part of a trace: a writer whose step before down_write
/// touches nothing shared still decides, by parking before or after a reader, whether that reader
/// waits behind it (DporDependence's park conflict, WriterQueues).
/// </summary>
public sealed class RwSemaphoreQueueTests
{
    /// <param name="writerParksAtStart">
    /// The writer's first access is its down_write, so it parks there before the first step (the
    /// threads run eagerly up to their first scheduling point); otherwise a step of its own comes first.
    /// </param>
    private static VerificationReport Verify(Func<IRwSemaphore, IRuntime, Task> reader, bool writerParksAtStart = false)
    {
        return Verifier.Verify(TestProgram.Sample("rwsem-queue", rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            var own = rt.NewCell("writer_private", 0);
            rt.Spawn("reader", () => reader(sem, rt));
            rt.Spawn("writer", async () =>
            {
                if (!writerParksAtStart) await own.Write(1);
                await sem.DownWrite();
                await sem.UpWrite();
            });
            return Task.CompletedTask;
        }), new ExplorationOptions { Iterations = 10_000, Detectors = Detectors.None });
    }

    /// <summary>
    /// With <paramref name="writerParksAtStart"/>, the writer is parked at down_write before the
    /// first step and queued by the reader's first down_read, so the reader's second down_read
    /// waits behind it: that race of the two acquires cannot be reversed and must not be planned.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_recursive_reader_deadlocking_behind_a_queued_writer_is_found(bool writerParksAtStart)
    {
        var report = Verify(RwSemaphoreReaders.Recursive, writerParksAtStart);

        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.Deadlock, report.Exploration.Bugs[0].Bug.Kind);
        Assert.Contains("behind queued writer writer", report.Exploration.Bugs[0].Bug.Message);
    }

    [Fact]
    public void A_read_trylock_sees_both_a_queued_writer_and_none()
    {
        var outcomes = new HashSet<bool>();
        var report = Verify(RwSemaphoreReaders.TryingAgain(outcomes));

        Assert.True(report.Complete);
        Assert.Equal([false, true], outcomes.Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_reader_that_lets_go_between_its_sections_is_verified_with_no_reversal_wasted(bool writerParksAtStart)
    {
        var report = Verify(RwSemaphoreReaders.LettingGoBetween, writerParksAtStart);

        Assert.False(report.FoundBug);
        Assert.True(report.Complete);
        Assert.Equal(0, report.Infeasible);
        Assert.Equal(0, report.Blocked);
    }
}
