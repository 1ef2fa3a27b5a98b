// SPDX-License-Identifier: GPL-2.0-only
using System.Security.Cryptography;
using System.Text;
using MmuNotifier.Verification.Engine;
using MmuNotifier.Verification.Engine.Testing.Sharding;

namespace MmuNotifier.Verification.Cli.Sharding;

/// <summary>
/// What one shard of a run writes with --report (docs/scale-out.md): the verb and every setting
/// that decides what is explored (so the merge can refuse shards of different runs), the shard,
/// the shard's own exit code, and per program what the merge needs.
/// </summary>
/// <param name="Settings">Setting name to its value as text; workers and output paths are not among them, they change no result.</param>
/// <param name="File">Where the report was read from (for messages); empty for one being written.</param>
internal sealed record ShardReport(
    string Command,
    IReadOnlyDictionary<string, string> Settings,
    Shard Shard,
    int ExitCode,
    bool Interrupted,
    IReadOnlyList<ShardProgram> Programs,
    string File = "")
{
    public const int CurrentFormatVersion = 1;

    public const string Kind = "mmu-verify shard report";

    /// <summary>A setting as recorded; its absence is refused naming the report.</summary>
    public string Setting(string name) => Settings.TryGetValue(name, out var value)
        ? value
        : throw new UsageException($"{File}: at $.settings: missing '{name}'");

    /// <summary>A true/false setting; anything else is refused, not read as false.</summary>
    public bool Flag(string name) => Setting(name) switch
    {
        "true" => true,
        "false" => false,
        var other => throw new UsageException($"{File}: at $.settings.{name}: expected true or false, found '{other}'"),
    };

    /// <summary>
    /// The time the shards spent on a run, from the <see cref="ShardProgram.Seconds"/> of <paramref name="programs"/>.
    /// Each is at most <see cref="Commands.OptionChecks.MaxSeconds"/>, but a thousand shards of them
    /// still add up past what a TimeSpan holds: refused as the edited reports they must be.
    /// </summary>
    public static TimeSpan Elapsed(IEnumerable<ShardProgram> programs)
    {
        var seconds = programs.Sum(p => p.Seconds);
        return seconds <= Commands.OptionChecks.MaxSeconds * 100
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the reports' seconds add up to {seconds:R}, more than any run takes (at most {Commands.OptionChecks.MaxSeconds * 100:R})"));
    }

    /// <summary>SHA-256 of the engine version, the verb, the shard count and the settings: equal for every shard of one run.</summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder($"{EngineInfo.Version}\n{Command}\n{Shard.Count}\n");
            foreach (var (name, value) in Settings.OrderBy(s => s.Key, StringComparer.Ordinal)) text.Append(name).Append('=').Append(value).Append('\n');
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}

/// <summary>
/// One program of a shard report: its name, the content hash of its scenario file (null for
/// engine samples), the shard's seconds on it, and either the exploration's <see cref="ShardLog"/>
/// or (verbs that split whole programs) the finished result as named values.
/// </summary>
internal sealed record ShardProgram(
    string Name,
    string? ContentHash,
    double Seconds,
    ShardLog? Log,
    IReadOnlyDictionary<string, string>? Result = null);
