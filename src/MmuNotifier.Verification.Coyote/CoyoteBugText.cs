// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Coyote;

/// <summary>The text of a Coyote assertion failure for one of our bugs: kind, invariant, thread and our message.</summary>
public static class CoyoteBugText
{
    public static string Of(Bug bug)
    {
        string kind = bug.Invariant is { } invariant ? $"{bug.Kind} ({invariant})" : bug.Kind.ToString();
        return $"{kind} on {bug.Thread}: {bug.Message}";
    }
}
