// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>Raised by the replay strategy when the model no longer follows the recorded schedule.</summary>
public sealed class ReplayDivergenceException(string message) : Exception(message);
