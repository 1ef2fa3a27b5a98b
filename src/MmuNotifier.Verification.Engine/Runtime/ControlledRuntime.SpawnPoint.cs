// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// Spawn as a scheduling point (<see cref="Testing.ExplorationOptions.SpawnPoint"/>): the child
/// does not run eagerly inside its parent's step but parks at a "start" access, so its first
/// segment is a step of its own that the strategy may put before or after anything the parent
/// does next. That matters only for a program whose threads share memory the engine does not
/// see, as ported C benchmarks do with an argument passed by address to pthread_create.
/// </summary>
internal sealed partial class ControlledRuntime
{
    public bool SpawnPoint { get; set; }

    private void ParkUnstarted(LogicalThread thread, Func<Task> body)
    {
        thread.BeginAccess(thread, AccessKind.Spawn);
        thread.ParkAtStart(_ => StartBody(thread, body));
    }
}
