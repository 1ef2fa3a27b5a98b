// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;

namespace MmuNotifier.Verification.Cli;

/// <summary>
/// A repeatable option (--scenario, --program, --defect, --strategy, --no-detector) names each
/// value once. Given twice, a value ran twice (`bench scenarios --scenario a --scenario a` printed
/// two rows) or broke the output (`bench coyote --json` ended as an internal error on the
/// duplicate key); it is never what was meant, so it is refused as the parse error it is.
/// </summary>
internal static class RepeatedValues
{
    /// <summary>Adds the check to every repeatable option of <paramref name="command"/> and its subcommands.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options.OfType<Option<string[]>>())
        {
            option.Validators.Add(result =>
            {
                var repeated = result.Tokens.Select(t => t.Value).GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (repeated is not null) result.AddError(Twice(option.Name, repeated.Key));
            });
        }

        foreach (var subcommand in command.Subcommands) Apply(subcommand);
    }

    public static string Twice(string option, string value) => $"{option}: each value once; '{value}' is given twice";
}
