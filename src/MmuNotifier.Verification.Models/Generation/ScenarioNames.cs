// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The file-format spelling of errnos (docs/scenario-format.md), for writing scenarios back out,
/// and the classes of operations the rules reason about. Operations are spelled by
/// <see cref="OpNames"/>, user models by their registered name.
/// </summary>
public static class ScenarioNames
{
    public static string Errno(int value) => value == 0 ? "0" : Kernel.Errno.Name(value);

    /// <summary>Operations of the core MM: they take no subscription.</summary>
    public static bool IsCore(OpKind op) => op != OpKind.Exit && !OpNames.TakesSubscription(op);

    /// <summary>Operations that subscribe: insert, register, get.</summary>
    public static bool IsSubscribe(OpKind op) => op is OpKind.Insert or OpKind.Register or OpKind.Get;
}
