// SPDX-License-Identifier: GPL-2.0-only
// TEMPORARY: signatures of the engine pieces the lead is writing on main, so the CLI compiles
// before they land. Delete this file when main has the real ones.
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing
{
    public static class Explorer
    {
        public static ExplorationReport Explore(TestProgram program, ExplorationOptions options) => throw new NotImplementedException();

        public static ReplayResult Replay(TestProgram program, Trace trace) => throw new NotImplementedException();
    }

    public sealed record ReplayResult(IReadOnlyList<Bug> Bugs, IReadOnlyList<StepRecord> Steps)
    {
        public Bug? FirstBug => Bugs.Count > 0 ? Bugs[0] : null;
    }
}

namespace MmuNotifier.Verification.Engine.Traces
{
    public static class InterleavingRenderer
    {
        public static string Render(IReadOnlyList<StepRecord> steps, Bug? bug) => throw new NotImplementedException();
    }
}

namespace MmuNotifier.Verification.Engine.Samples
{
    public sealed record SampleProgram(string Name, string Description, bool HasBug, Func<IRuntime, Task> Body)
    {
        public TestProgram ToProgram() => TestProgram.Sample(Name, Body);
    }

    public static class SampleCatalog
    {
        public static IReadOnlyList<SampleProgram> All { get; } = [];

        public static SampleProgram? Find(string name) => All.FirstOrDefault(s => s.Name == name);

        public static SampleProgram BenchBody { get; } = new("bench", "3 threads x 100 cell steps", false, _ => throw new NotImplementedException());
    }
}
