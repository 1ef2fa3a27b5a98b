// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>Ends a no-sleep region opened by <see cref="IRuntime.EnterNoSleep"/>.</summary>
public readonly struct NoSleepScope : IDisposable
{
    private readonly Action? _exit;

    public NoSleepScope(Action exit) => _exit = exit;

    public void Dispose() => _exit?.Invoke();
}
