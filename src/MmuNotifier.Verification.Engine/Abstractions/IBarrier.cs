// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// A reusable barrier for a fixed number of parties (pthread_barrier_wait): each caller of
/// <see cref="Wait"/> blocks until the last party of its round arrives, then all go on and the
/// next round begins. Classic benchmarks use it to line threads up.
/// </summary>
public interface IBarrier
{
    string Name { get; }

    int Parties { get; }

    /// <summary>Arrives and blocks until every party of this round has arrived.</summary>
    ValueTask Wait();
}
