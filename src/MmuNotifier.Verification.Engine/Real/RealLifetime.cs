// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Real;

// Models kmalloc/kfree with KASAN-like checks: kfree twice is a double free, touching a freed object a use-after-free.
internal sealed class RealLifetime(RealRuntime runtime, string name) : ILifetime
{
    private int _freed;

    public string Name { get; } = name;

    public bool IsFreed => Volatile.Read(ref _freed) != 0;

    public ValueTask Free()
    {
        runtime.Enter(null, Name, "kfree");
        // The exchange makes exactly one of two racing frees the double one.
        if (Interlocked.Exchange(ref _freed, 1) != 0)
            runtime.Report(BugKind.DoubleFree, $"kfree of {Name}, which is already freed", fatal: true);
        return ValueTask.CompletedTask;
    }

    public void CheckAlive(string what)
    {
        if (IsFreed)
            runtime.Report(BugKind.UseAfterFree, $"{what}: {Name} is already freed", fatal: true);
    }
}
