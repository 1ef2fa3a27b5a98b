// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Kernel.Tests.Notifier;

/// <summary>Runs port scenarios under the controlled engine.</summary>
internal static class PortHarness
{
    public static ExplorationReport Explore(string name, Func<IRuntime, Task> body, long iterations = 1,
        string strategy = "random", ulong seed = 1, int maxSteps = 20_000, IReadOnlyList<Engine.Checking.KnownRace>? knownRaces = null) =>
        Explorer.Explore(
            new TestProgram(new TraceSubject("kernel-tests", name), body) { KnownRaces = knownRaces ?? [] },
            new ExplorationOptions { Iterations = iterations, Strategy = strategy, Seed = seed, MaxSteps = maxSteps });

    public static void AssertClean(ExplorationReport report)
    {
        if (report.FoundBug)
        {
            var bug = report.Bugs[0];
            Assert.Fail($"{bug.Bug}\n{InterleavingRenderer.Render(bug.Steps, bug.Bug)}");
        }

        Assert.Empty(report.StepBoundHits);
    }

    /// <summary>An interval driver in the HMM style: a mutex, a mirror of one PTE, the saved seq.</summary>
    public sealed class Mirror
    {
        public Mirror(IRuntime rt, string name, bool setSeq = true)
        {
            Lock = rt.NewMutex($"{name}.lock");
            Valid = rt.NewCell($"{name}.valid", false);
            Value = rt.NewCell($"{name}.value", 0);
            Sub = new Kernel.Notifier.MmuIntervalNotifier(rt, name);
            Ops = new Kernel.Notifier.MmuIntervalNotifierOps
            {
                Name = $"{name}.ops",
                Invalidate = async (sub, range, curSeq) =>
                {
                    await Lock.Lock();
                    if (setSeq) await Kernel.Notifier.MmuNotifierH.MmuIntervalSetSeq(sub, curSeq);
                    await Valid.Write(false);
                    await Lock.Unlock();
                    Invalidations++;
                    return true;
                },
            };
        }

        public IMutex Lock { get; }

        public ICell<bool> Valid { get; }

        public ICell<int> Value { get; }

        public Kernel.Notifier.MmuIntervalNotifier Sub { get; }

        public Kernel.Notifier.MmuIntervalNotifierOps Ops { get; }

        public int Invalidations { get; private set; }
    }
}
