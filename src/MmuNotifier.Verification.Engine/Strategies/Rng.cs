// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>
/// xoshiro256** seeded through SplitMix64 (Blackman and Vigna). Our own generator, so a seed means
/// the same schedule on every .NET version and machine.
/// </summary>
public struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The seed of schedule <paramref name="iteration"/> of an exploration seeded with <paramref name="seed"/>.</summary>
    public static ulong ForIteration(ulong seed, long iteration, ulong salt = 0)
    {
        var state = seed ^ (salt * 0xD1B54A32D192ED03UL);
        state += (ulong)iteration * 0x9E3779B97F4A7C15UL;
        return SplitMix(ref state);
    }

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A value in [0, <paramref name="bound"/>) by Lemire's multiply-shift (bias below 2^-32, irrelevant here).</summary>
    public int Next(int bound) => (int)(((NextULong() >> 32) * (ulong)(uint)bound) >> 32);

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
