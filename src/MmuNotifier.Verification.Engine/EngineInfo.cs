// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine;

/// <summary>Version stamps written into traces.</summary>
public static class EngineInfo
{
    /// <summary>
    /// Bump when a change alters the schedule a given seed produces (scheduling points added or
    /// removed, strategy changes): traces recorded with another version may no longer replay.
    /// </summary>
    public const string Version = "0.1.0";
}
