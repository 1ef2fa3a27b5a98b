// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Real;

/// <summary>
/// Unwinds a real thread once the run has been stopped (a fatal bug, or the watchdog gave up).
/// Private to the runtime: the thread wrapper swallows it, it is never a finding by itself.
/// </summary>
internal sealed class RealRunAbortedException : Exception
{
    public RealRunAbortedException()
        : base("the real-thread run was stopped")
    {
    }
}
