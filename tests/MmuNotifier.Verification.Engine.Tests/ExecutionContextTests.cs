// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// A schedule runs with the caller's execution context not flowing into the models' awaits (the
/// engine resumes every continuation itself), and the caller gets its context back unchanged.
/// </summary>
public sealed class ExecutionContextTests
{
    private static readonly AsyncLocal<string?> CallerValue = new();

    [Fact]
    public void Model_awaits_capture_no_context_and_the_caller_keeps_its_own()
    {
        CallerValue.Value = "caller";
        var captured = new List<bool>();
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            var child = rt.Spawn("cpu1", async () =>
            {
                await x.WriteOnce(1);
                captured.Add(ExecutionContext.Capture() is not null);
            });
            await x.WriteOnce(2);
            captured.Add(ExecutionContext.Capture() is not null);
            await child.Join();
        }, iterations: 3);

        Assert.Empty(report.Bugs);
        Assert.NotEmpty(captured);
        Assert.All(captured, c => Assert.False(c));
        Assert.False(ExecutionContext.IsFlowSuppressed());
        Assert.Equal("caller", CallerValue.Value);
        Assert.NotNull(ExecutionContext.Capture());
    }
}
