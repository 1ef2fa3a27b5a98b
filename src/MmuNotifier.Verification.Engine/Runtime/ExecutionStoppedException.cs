// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// Thrown into model code to unwind the running thread once the run has been stopped by a bug.
/// Model code must not catch it (catch specific exception types, never Exception).
/// </summary>
public sealed class ExecutionStoppedException : Exception
{
    public ExecutionStoppedException()
        : base("The run was stopped by the exploration engine.")
    {
    }
}
