// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// A mix of strategies (Coyote's and Shuttle's default style): schedule i is run by member
/// i mod n, each member with its own seed, so no single strategy's blind spot is fatal. Schedule i
/// is the same whichever worker runs it.
/// </summary>
public sealed class PortfolioStrategy(IReadOnlyList<IStrategy> members) : IStrategy
{
    /// <summary>
    /// random, PCT at depths 3 and 10, then partial order sampling, each with its own seed. (PCT
    /// at depth 1 has no change point: one fixed random priority order per schedule, a weaker
    /// random walk, so it no longer takes a slot.)
    /// </summary>
    public static StrategyDescriptor Descriptor { get; } = new("portfolio", settings => new PortfolioStrategy(
    [
        new RandomStrategy(settings.Seed),
        new PctStrategy(settings.Seed, 3, settings.EstimatedLength),
        new PctStrategy(settings.Seed + 1, 10, settings.EstimatedLength),
        new PosStrategy(settings.Seed + 2),
    ]))
    {
        NeedsLengthEstimate = true,
        IsPortfolio = true,
    };

    private IStrategy _active = members[0];

    public string Name => Descriptor.Name;

    public bool InitializeIteration(long iteration)
    {
        _active = members[(int)(iteration % members.Count)];
        return _active.InitializeIteration(iteration);
    }

    public int NextThread(in SchedulingView view) => _active.NextThread(view);

    public int NextChoice(int count) => _active.NextChoice(count);
}
