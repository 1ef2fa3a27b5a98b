// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Coverage;

/// <summary>
/// One coverage probe of model code: the method it sits in, its source line and the arm taken
/// (<see cref="Entry"/> for "the method was entered", else the outcome of a condition). The engine
/// knows nothing of what the names mean; the model layer maps them to kernel functions.
/// </summary>
public readonly record struct CoverageSite(string Method, int Line, int Arm)
{
    public const int Entry = -1;
    public const int False = 0;
    public const int True = 1;

    public static CoverageSite Entered(string method) => new(method, 0, Entry);
}
