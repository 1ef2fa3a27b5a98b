// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Primitives;

/// <summary>
/// Kernel rw-semaphores are not reader-preferring: a queued writer holds back readers that arrive
/// after it and read trylocks, but not a reader that was waiting already.
/// </summary>
public sealed class RwSemaphoreFairnessTests
{
    private static ExplorationReport Exhaust(Func<IRuntime, Task> body) =>
        Explorer.Explore(TestProgram.Sample("rwsem", body), new ExplorationOptions
        {
            Strategy = "dfs",
            Iterations = 10_000,
            Detectors = Detectors.None,  // the deadlock itself, not lockdep's earlier recursion report
        });

    private static Func<IRuntime, Task> ReaderAndWriter(Func<IRwSemaphore, IRuntime, Task> reader) => rt =>
    {
        var sem = rt.NewRwSemaphore("mmap_lock");
        rt.Spawn("reader", () => reader(sem, rt));
        rt.Spawn("writer", async () =>
        {
            await sem.DownWrite();
            await sem.UpWrite();
        });
        return Task.CompletedTask;
    };

    [Fact]
    public void A_recursive_reader_deadlocks_behind_a_queued_writer()
    {
        var report = Exhaust(ReaderAndWriter(RwSemaphoreReaders.Recursive));

        Assert.Equal(BugKind.Deadlock, report.Bugs[0].Bug.Kind);
        Assert.Contains("behind queued writer writer", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void A_reader_that_releases_before_reading_again_is_fine()
    {
        var report = Exhaust(ReaderAndWriter(RwSemaphoreReaders.LettingGoBetween));

        Assert.False(report.FoundBug);
        Assert.True(report.Exhausted);
    }

    [Fact]
    public void A_read_trylock_fails_while_a_writer_is_queued()
    {
        var outcomes = new HashSet<bool>();
        var report = Exhaust(ReaderAndWriter(RwSemaphoreReaders.TryingAgain(outcomes)));

        Assert.False(report.FoundBug);
        Assert.Equal([false, true], outcomes.Order());
    }

    [Fact]
    public void A_writer_that_finds_the_semaphore_free_is_not_queued_yet()
    {
        // Both ask for a free semaphore at once: either may win, and the loser waits its turn.
        var winners = new HashSet<string>();
        var report = Exhaust(rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            string? winner = null;
            rt.Spawn("reader", async () =>
            {
                await sem.DownRead();
                winner ??= "reader";
                await sem.UpRead();
            });
            rt.Spawn("writer", async () =>
            {
                await sem.DownWrite();
                winner ??= "writer";
                await sem.UpWrite();
                winners.Add(winner);
            });
            return Task.CompletedTask;
        });

        Assert.False(report.FoundBug);
        Assert.Equal(["reader", "writer"], winners.Order());
    }

    [Fact]
    public void A_reader_and_a_writer_that_waited_together_may_go_in_either_order()
    {
        // All three park at once; whichever writer goes first, the other writer and the reader
        // both wait for it, and the kernel queues those two in whatever order they arrived: the
        // reader may get in between the writers' sections (it then sees one digit).
        var seen = new HashSet<int>();
        var report = Exhaust(rt =>
        {
            var sem = rt.NewRwSemaphore("mmap_lock");
            var x = rt.NewCell("x", 0);
            foreach (var (name, digit) in new[] { ("w1", 1), ("w2", 2) })
            {
                rt.Spawn(name, async () =>
                {
                    await sem.DownWrite();
                    await x.Write(await x.Read() * 10 + digit);
                    await sem.UpWrite();
                });
            }

            rt.Spawn("reader", async () =>
            {
                await sem.DownRead();
                seen.Add(await x.Read());
                await sem.UpRead();
            });
            return Task.CompletedTask;
        });

        Assert.False(report.FoundBug);
        Assert.True(report.Exhausted);
        Assert.Equal([0, 1, 2, 12, 21], seen.Order());
    }
}
