// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// Progress of a bench verb that measures its table row after row: a line on stderr as each row
/// starts (`coyote: kvm-faults (3/4)`), so that a run of minutes at a terminal shows where it is.
/// Stdout keeps only the table or the JSON; in a pipe or under CI nothing is written, since the
/// lines would only pad a log that the table ends anyway.
/// </summary>
internal sealed class BenchProgress
{
    private readonly TextWriter? _err;
    private readonly string _verb;
    private readonly int _rows;
    private int _started;

    private BenchProgress(TextWriter? err, string verb, int rows)
    {
        _err = err;
        _verb = verb;
        _rows = rows;
    }

    public static BenchProgress For(CliContext context, string verb, int rows) => new(context.Interactive ? context.Err : null, verb, rows);

    /// <summary>For a test: progress written to <paramref name="err"/> as at a terminal.</summary>
    internal static BenchProgress To(TextWriter err, string verb, int rows) => new(err, verb, rows);

    /// <summary>The next row, <paramref name="name"/>, starts.</summary>
    public void Row(string name)
    {
        _started++;
        _err?.WriteLine($"{_verb}: {name} ({_started}/{_rows})");
    }
}
