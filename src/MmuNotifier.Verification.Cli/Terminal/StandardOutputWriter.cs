// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Terminal;

/// <summary>
/// Standard output with its failures named: a full disk or a closed descriptor under stdout
/// raises an IOException that says only "No space left on device"; this says which stream it was,
/// so the exit-2 message points at the redirection rather than at an input file.
/// </summary>
internal sealed class StandardOutputWriter(TextWriter inner) : GuardedWriter(inner)
{
    protected override void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            throw new IOException($"standard output: cannot write: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            // A closed descriptor 1 (`>&-`) is refused by the runtime as "Access to the path is denied".
            throw new IOException($"standard output: cannot write: it is closed or not writable ({e.Message})", e);
        }
    }
}
