// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// Uniform random walk: at every scheduling point any enabled thread is equally likely. Each
/// schedule draws from its own generator seeded by (seed, iteration), so schedule i is the same
/// whichever worker runs it.
/// </summary>
public sealed class RandomStrategy(ulong seed) : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } = new("random", settings => new RandomStrategy(settings.Seed));

    private Rng _rng;

    public string Name => Descriptor.Name;

    public bool InitializeIteration(long iteration)
    {
        _rng = new Rng(Rng.ForIteration(seed, iteration));
        return true;
    }

    public int NextThread(in SchedulingView view) => view.Enabled[_rng.Next(view.Enabled.Length)];

    public int NextChoice(int count) => _rng.Next(count);
}
