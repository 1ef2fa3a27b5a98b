// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Traces.Html;

/// <summary>Splits a run into maximal blocks of consecutive steps by one thread in one named function (the viewer's foldable runs).</summary>
public static class FunctionRuns
{
    public static IEnumerable<List<StepRecord>> Split(IReadOnlyList<StepRecord> steps)
    {
        var run = new List<StepRecord>();
        foreach (var step in steps)
        {
            if (run.Count > 0 && !SameRun(run[^1], step))
            {
                yield return run;
                run = [];
            }

            run.Add(step);
        }

        if (run.Count > 0) yield return run;
    }

    private static bool SameRun(StepRecord last, StepRecord next) =>
        last.Function is not null && last.Function == next.Function && last.ThreadId == next.ThreadId;
}
