// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Testing.Sharding;

/// <summary>
/// A shard log that cannot be merged, and which of the logs given it is: a caller that read the
/// logs from files (the CLI's `merge`) names the file and the place in it, which the message alone,
/// "shard 0/2 holds schedule ...", does not.
/// </summary>
/// <param name="log">Position of the log at fault in the list given to the merge.</param>
/// <param name="place">Where in that log, as a JSON path from the log (".segments[0].runs[3]"); empty for the log as a whole.</param>
public sealed class ShardLogException(int log, string place, string message) : ArgumentException(message)
{
    public int Log { get; } = log;

    public string Place { get; } = place;
}
