// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// bad-input: a subscribe operation returns what the scenario expects (-EOVERFLOW for an empty
/// or wrapping range, -EINVAL for an mm without users), only 0 or -ENOMEM under allocation
/// faults, and a failed insert leaves the subscription out of the tree. Leaks show at the end
/// of the run (<see cref="RefcountChecks.CheckAllFreed"/>).
/// </summary>
internal static class BadInputChecks
{
    public static void CheckResult(ModelWorld world, OpSpec op, int ret)
    {
        var rt = world.Rt;
        if (op.Expect is { } expected && ret != expected)
        {
            rt.ReportViolation(InvariantNames.BadInput,
                $"{op.Kind.ToString().ToLowerInvariant()} {op.Sub} returned {Errno.Name(ret)}, expected {Errno.Name(expected)}", BugComponent.Core);
        }

        if (op.Expect is null && ret != 0 && !(ret == -Errno.ENOMEM && world.Scenario.Faults.Allocation) &&
            !(ret == -Errno.EINTR && world.Scenario.Faults.TakeAllLocks))
        {
            rt.ReportViolation(InvariantNames.BadInput,
                $"{op.Kind.ToString().ToLowerInvariant()} {op.Sub} failed with {Errno.Name(ret)} although no failure was injected or expected");
        }

        if (ret != 0 && world.Users[op.Sub!] is HmmMirror mirror &&
            (mirror.Sub.IntervalTree.InTree || !mirror.Sub.DeferredItem.IsUnhashed))
        {
            rt.ReportViolation(InvariantNames.BadInput, $"insert of {mirror.Name} failed with {Errno.Name(ret)} but left it in the tree");
        }
    }
}
