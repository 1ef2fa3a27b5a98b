// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Testing;

/// <summary>
/// The report quota refuses only reports that could never be kept: every one of the lowest
/// <c>max</c> claimed numbers is granted, whatever order the workers claim in, and far fewer than
/// one report per finding are made.
/// </summary>
public sealed class ReportQuotaTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(5, 2)]
    [InlineData(50, 2)]
    [InlineData(10, 4)]
    public void Every_one_of_the_lowest_claims_is_granted_in_any_interleaving(int max, int workers)
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            // Each worker claims its own findings in increasing order, as a worker runs its chunks.
            var findings = Enumerable.Range(0, 400).Where(_ => random.Next(3) == 0).Select(n => (long)n).ToList();
            var queues = Enumerable.Range(0, workers).Select(_ => new Queue<long>()).ToArray();
            foreach (var number in findings) queues[random.Next(workers)].Enqueue(number);

            var quota = new ReportQuota(max);
            var granted = new List<long>();
            while (queues.Any(q => q.Count > 0))
            {
                var queue = queues.Where(q => q.Count > 0).ElementAt(random.Next(queues.Count(q => q.Count > 0)));
                var number = queue.Dequeue();
                if (quota.Claim(number)) granted.Add(number);
            }

            Assert.Superset(findings.Take(max).ToHashSet(), granted.ToHashSet());
            Assert.True(granted.Count < findings.Count, $"seed {seed}: every finding was granted a report");
        }
    }

    [Fact]
    public void A_program_failing_every_schedule_gets_the_same_reports_on_one_and_two_workers()
    {
        var program = new TestProgram(new TraceSubject("sample", "lost-update"), SampleCatalog.Find("lost-update")!.Body);
        var options = new ExplorationOptions { Strategy = "random", Seed = 5, Iterations = 2_000, StopAtFirstBug = false };
        var one = Explorer.Explore(program, options);
        var two = Explorer.Explore(program, options with { Workers = 2 });

        Assert.True(one.Bugs.Count > 1);
        Assert.Equal(one.Bugs.Select(b => b.Trace.Iteration), two.Bugs.Select(b => b.Trace.Iteration));
        Assert.Equal(one.Bugs.Select(b => string.Join(",", b.Trace.Decisions)), two.Bugs.Select(b => string.Join(",", b.Trace.Decisions)));
    }
}
