// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Models.World;

/// <summary>
/// The runtime a model world hands to the kernel and the drivers: the engine's runtime, plus a
/// list of every allocation made during the run, so the end-of-run check can tell what leaked.
/// </summary>
internal sealed class AllocationTrackingRuntime(IRuntime inner) : IRuntime
{
    private readonly List<ILifetime> _allocations = [];

    public IReadOnlyList<ILifetime> Allocations => _allocations;

    public ILifetime NewLifetime(string name)
    {
        var lifetime = inner.NewLifetime(name);
        _allocations.Add(lifetime);
        return lifetime;
    }

    public bool IsControlled => inner.IsControlled;

    public bool IsTracing => inner.IsTracing;

    public string CurrentThreadName => inner.CurrentThreadName;

    public ISpinLock NewSpinLock(string name, ILifetime? owner = null) => inner.NewSpinLock(name, owner);

    public IMutex NewMutex(string name, ILifetime? owner = null) => inner.NewMutex(name, owner);

    public IRwSemaphore NewRwSemaphore(string name, ILifetime? owner = null) => inner.NewRwSemaphore(name, owner);

    public IWaitQueue NewWaitQueue(string name, ILifetime? owner = null) => inner.NewWaitQueue(name, owner);

    public ISrcu NewSrcu(string name) => inner.NewSrcu(name);

    public ICell<T> NewCell<T>(string name, T initial, ILifetime? owner = null) => inner.NewCell(name, initial, owner);

    public IAtomic NewAtomic(string name, long initial, ILifetime? owner = null) => inner.NewAtomic(name, initial, owner);

    public ILockMap NewLockMap(string name) => inner.NewLockMap(name);

    public IThreadHandle Spawn(string name, Func<Task> body) => inner.Spawn(name, body);

    public ValueTask<int> Choose(string name, int count) => inner.Choose(name, count);

    public ValueTask<bool> ChooseBool(string name) => inner.ChooseBool(name);

    public ValueTask Yield() => inner.Yield();

    public void MightSleep(string what) => inner.MightSleep(what);

    public NoSleepScope EnterNoSleep(string reason) => inner.EnterNoSleep(reason);

    public void Assert(bool condition, string message) => inner.Assert(condition, message);

    public bool WarnOn(bool condition, string message) => inner.WarnOn(condition, message);

    public void BugOn(bool condition, string message) => inner.BugOn(condition, message);

    public void ReportViolation(string invariant, string message, BugComponent component = BugComponent.Core) =>
        inner.ReportViolation(invariant, message, component);

    public void AddMonitor(string invariant, Func<string?> check, BugComponent component = BugComponent.Core,
        IReadOnlySet<object>? watches = null) =>
        inner.AddMonitor(invariant, check, component, watches);

    public void Annotate(string note) => inner.Annotate(note);
}
