// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Real;

// A barrier on real threads: the last arrival of a round moves the round on and wakes the others.
internal sealed class RealBarrier(RealRuntime runtime, string name, int parties) : IBarrier
{
    private readonly object _sync = new();
    private int _arrived;
    private long _round;

    public string Name { get; } = name;

    public int Parties { get; } = parties > 0 ? parties : throw new ArgumentOutOfRangeException(nameof(parties), "a barrier needs a party");

    public ValueTask Wait()
    {
        var self = runtime.Enter(null, Name, "barrier_wait");
        runtime.MightSleep($"barrier_wait({Name})");
        lock (_sync)
        {
            var round = _round;
            if (++_arrived == Parties)
            {
                _arrived = 0;
                _round++;
                runtime.WakeAll(_sync);
            }
            else
            {
                runtime.BlockUntil(self, _sync, () => _round != round, $"barrier_wait({Name})");
            }
        }

        return ValueTask.CompletedTask;
    }
}
