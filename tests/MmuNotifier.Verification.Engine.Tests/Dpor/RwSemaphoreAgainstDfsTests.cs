// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests.Dpor;

/// <summary>
/// DPOR against exhaustive DFS on generated programs over one rw-semaphore (blocking and trylock
/// sides, nested reads that can deadlock behind a queued writer), two shared cells and a private
/// cell per thread: both must see the same set of outcomes (every value read, every trylock's
/// result, the cells' final values) and agree on whether some interleaving deadlocks.
/// </summary>
public sealed class RwSemaphoreAgainstDfsTests
{
    /// <summary>Accesses per program at most, so DFS stays within its budget.</summary>
    private const int MaxAccesses = 10;

    /// <summary>Larger programs, where a deadlocking run can hide orders the blocked threads' steps race in.</summary>
    private const int DeeperAccesses = 12;

    private const int DfsBudget = 100_000;

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 400)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void DporSeesWhatDfsSees(int seed) => Compare(seed, MaxAccesses);

    /// <summary>
    /// Seeds of <see cref="DeeperAccesses"/> whose programs deadlock in some runs, each missed
    /// while the steps the deadlocked threads never took were left out of the race analysis.
    /// </summary>
    [Theory]
    [InlineData(17)]
    [InlineData(556)]
    [InlineData(794)]
    [InlineData(1063)]
    [InlineData(1432)]
    [InlineData(2740)]
    [InlineData(3000)]
    public void DporSeesWhatDfsSeesWhenRunsDeadlock(int seed) => Compare(seed, DeeperAccesses);

    private static void Compare(int seed, int maxAccesses)
    {
        var program = Generate(seed, maxAccesses);
        var dfs = Outcomes(program, "dfs");
        var dpor = Outcomes(program, "dpor");

        Assert.True(dfs.Exhausted, $"seed {seed}: DFS did not finish within {DfsBudget} schedules: {Describe(program)}");
        Assert.True(dpor.Exhausted, $"seed {seed}: DPOR did not finish: {Describe(program)}");
        Assert.True(dfs.Deadlocks == dpor.Deadlocks, $"seed {seed}: deadlock DFS {dfs.Deadlocks}, DPOR {dpor.Deadlocks}: {Describe(program)}");
        Assert.True(dfs.Seen.SetEquals(dpor.Seen),
            $"seed {seed}: DPOR missed [{string.Join(" | ", dfs.Seen.Except(dpor.Seen))}] of {Describe(program)}");
    }

    private abstract record Op;

    private sealed record ReadCell(int Cell) : Op;

    private sealed record WriteCell(int Cell, int Value) : Op;

    /// <summary>A write to the thread's own cell: a step that touches nothing shared (not a yield, which DFS ranks apart).</summary>
    private sealed record Pause : Op;

    private sealed record Section(bool Write, bool Try, Op[] Body) : Op;

    private static Op[][] Generate(int seed, int maxAccesses)
    {
        var random = new Random(seed);
        return GeneratedThreads.Deal(random, maxAccesses, room => NewOp(random, room, depth: 0), Accesses);
    }

    private static Op? NewOp(Random random, int room, int depth)
    {
        if (room <= 0) return null;
        var kind = random.Next(room >= 2 && depth < 2 ? 6 : 3);
        switch (kind)
        {
            case 0: return new ReadCell(random.Next(2));
            case 1: return new WriteCell(random.Next(2), random.Next(1, 3));
            case 2: return new Pause();
            default:
                var write = depth == 0 && random.Next(3) == 0;
                var body = new List<Op>();
                var inner = room - 2;
                while (inner > 0 && random.Next(2) == 0)
                {
                    var op = NewOp(random, inner, depth + 1);
                    if (op is null) break;
                    if (write && op is Section) continue;  // down_write inside down_write is lockdep's, not the queue's
                    body.Add(op);
                    inner -= Accesses(op);
                }

                return new Section(write, random.Next(3) == 0, [.. body]);
        }
    }

    private static int Accesses(Op op) => op is Section s ? 2 + s.Body.Sum(Accesses) : 1;

    private static (HashSet<string> Seen, bool Deadlocks, bool Exhausted) Outcomes(Op[][] program, string strategy)
    {
        var seen = new HashSet<string>();
        var report = Explorer.Explore(TestProgram.Sample("rwsem-vs-dfs", async rt =>
        {
            var sem = rt.NewRwSemaphore("sem");
            var cells = new[] { rt.NewCell("x", 0), rt.NewCell("y", 0) };
            var logs = new List<string>[program.Length];
            var handles = new List<IThreadHandle>();
            for (var t = 0; t < program.Length; t++)
            {
                var log = logs[t] = [];
                var own = rt.NewCell($"own{t}", 0);
                var ops = program[t];
                handles.Add(rt.Spawn($"t{t}", () => Run(ops, sem, cells, own, log)));
            }

            foreach (var handle in handles) await handle.Join();
            seen.Add(string.Join(" / ", logs.Select(l => string.Join(",", l)))
                + $" => x={await cells[0].Read()} y={await cells[1].Read()}");
        }), new ExplorationOptions { Strategy = strategy, Iterations = DfsBudget, StopAtFirstBug = false, Detectors = Detectors.None });
        return (seen, report.Bugs.Any(b => b.Bug.Kind == BugKind.Deadlock), report.Exhausted);
    }

    private static async Task Run(Op[] ops, IRwSemaphore sem, ICell<int>[] cells, ICell<int> own, List<string> log)
    {
        foreach (var op in ops)
        {
            switch (op)
            {
                case ReadCell read:
                    log.Add($"r{read.Cell}={await cells[read.Cell].Read()}");
                    break;
                case WriteCell write:
                    await cells[write.Cell].Write(write.Value);
                    break;
                case Pause:
                    await own.Write(1);
                    break;
                case Section section:
                    if (section.Try)
                    {
                        var taken = section.Write ? await sem.TryDownWrite() : await sem.TryDownRead();
                        log.Add(taken ? "try+" : "try-");
                        if (!taken) break;
                    }
                    else if (section.Write) await sem.DownWrite();
                    else await sem.DownRead();

                    await Run(section.Body, sem, cells, own, log);
                    if (section.Write) await sem.UpWrite();
                    else await sem.UpRead();
                    break;
            }
        }
    }

    private static string Describe(Op[][] program) =>
        string.Join(" || ", program.Select((ops, t) => $"t{t}: {DescribeOps(ops)}"));

    private static string DescribeOps(IEnumerable<Op> ops) => string.Join("; ", ops.Select(op => op switch
    {
        ReadCell r => $"read {(r.Cell == 0 ? "x" : "y")}",
        WriteCell w => $"{(w.Cell == 0 ? "x" : "y")}={w.Value}",
        Pause => "pause",
        Section s => $"{(s.Try ? "try_" : "")}down_{(s.Write ? "write" : "read")} {{ {DescribeOps(s.Body)} }}",
        _ => "?",
    }));
}
