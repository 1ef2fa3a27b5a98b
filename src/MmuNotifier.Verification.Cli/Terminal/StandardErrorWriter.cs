// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Terminal;

/// <summary>
/// Standard error that cannot fail the run. With stderr closed or full (`2>&-`, `2>/dev/full`)
/// the error line itself raised, and the process aborted (exit 134) instead of exiting 2; there
/// is nowhere left to say so, so the line is dropped and the exit code carries the outcome.
/// </summary>
internal sealed class StandardErrorWriter(TextWriter inner) : GuardedWriter(inner)
{
    protected override void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing can report a failing stderr; the exit code still does.
        }
    }
}
