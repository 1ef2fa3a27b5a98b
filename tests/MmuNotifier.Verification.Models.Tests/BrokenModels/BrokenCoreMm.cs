// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Tests.BrokenModels;

/// <summary>Core MMs that get the invalidate_range_start/end bracket wrong.</summary>
internal static class BrokenCoreMm
{
    /// <summary>It changes PTEs without invalidate_range_start/end.</summary>
    public sealed class SkipsStartEnd(ModelWorld w) : CoreMmOps(w)
    {
        protected override ValueTask Start(MmuNotifierRange range) => ValueTask.CompletedTask;

        protected override ValueTask<int> StartNonblock(MmuNotifierRange range) => ValueTask.FromResult(0);

        protected override ValueTask End(MmuNotifierRange range) => ValueTask.CompletedTask;
    }

    /// <summary>Its OOM reaper calls the blocking invalidate_range_start instead of the non-blocking one.</summary>
    public sealed class ReaperBlocks(ModelWorld w) : CoreMmOps(w)
    {
        protected override async ValueTask<int> StartNonblock(MmuNotifierRange range)
        {
            Events.RangeStarting();
            await H.MmuNotifierInvalidateRangeStart(range);
            Events.RangeStartReturned(range);
            return 0;
        }
    }

    /// <summary>It forgets invalidate_range_end.</summary>
    public sealed class SkipsEnd(ModelWorld w) : CoreMmOps(w)
    {
        protected override ValueTask End(MmuNotifierRange range)
        {
            Events.RangeEnding(range, started: true);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>It calls invalidate_range_end twice.</summary>
    public sealed class CallsEndTwice(ModelWorld w) : CoreMmOps(w)
    {
        protected override async ValueTask End(MmuNotifierRange range)
        {
            Events.RangeEnding(range, started: true);
            await H.MmuNotifierInvalidateRangeEnd(range);
            await H.MmuNotifierInvalidateRangeEnd(range);
            Events.RangeEnded();
        }
    }
}
