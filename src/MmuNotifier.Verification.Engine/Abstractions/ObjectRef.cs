// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Abstractions;

/// <summary>
/// A controlled object as the engine identifies it: its name and its creation order within the run
/// (stable across replays of one schedule, so a strategy may key on it).
/// </summary>
public readonly record struct ObjectRef(string Name, int Id);
