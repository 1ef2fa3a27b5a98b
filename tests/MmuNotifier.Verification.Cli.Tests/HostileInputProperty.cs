// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Issue 11's property: mutate the bytes, fields and structure of committed traces and scenarios,
/// feed each to the verb that reads it, and require a legitimate answer (exit 0 or 1) or a
/// one-line input error naming the file (exit 2): never an internal error, never a hang (each case
/// has a bounded wait). A fixed seed makes it the same cases in every CI run.
/// </summary>
public sealed class HostileInputProperty : IDisposable
{
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(60);

    private static readonly string[] Sources =
    [
        RepositoryFiles.Trace("put-frees-immediately"), RepositoryFiles.Trace("review-blockable-backoff"),
        RepositoryFiles.Trace("remove-no-wait"), RepositoryFiles.Trace("initial-seq-odd"),
        RepositoryFiles.Model("get-put"), RepositoryFiles.Model("blockable-failure"),
        RepositoryFiles.Model("deferred-remove"), RepositoryFiles.Model("insert-remove-vs-zaps"),
    ];

    /// <summary>Strings a hostile editor might put in place of any string value.</summary>
    private static readonly string[] HostileStrings =
        ["", "\\ud800", "\\udfff x", "/dev/zero", "/", "..", "\\u0000", "\\n\\t", new string('n', 400), "t0  t1", "zz", "bogus", "\\\"", "é"];

    /// <summary>Numbers that sit on or past every range edge.</summary>
    private static readonly string[] HostileNumbers =
        ["-1", "0", "1e400", "99999999999999999999", "2147483648", "-9223372036854775809", "1.5", "0x10", "00", "-0"];

    private readonly TempDirectory _dir = new();
    private int _case;

    public void Dispose() => _dir.Dispose();

    private abstract record Mutation
    {
        public abstract byte[] Apply(byte[] bytes);
    }

    private sealed record SetByte(int At, byte Value) : Mutation
    {
        public override byte[] Apply(byte[] bytes)
        {
            var copy = bytes.ToArray();
            if (copy.Length > 0) copy[At % copy.Length] = Value;
            return copy;
        }
    }

    private sealed record DeleteRange(int At, int Length) : Mutation
    {
        public override byte[] Apply(byte[] bytes)
        {
            var start = bytes.Length == 0 ? 0 : At % bytes.Length;
            var end = Math.Min(bytes.Length, start + Length);
            return [.. bytes[..start], .. bytes[end..]];
        }
    }

    private sealed record InsertBytes(int At, byte[] Inserted) : Mutation
    {
        public override byte[] Apply(byte[] bytes)
        {
            var start = bytes.Length == 0 ? 0 : At % bytes.Length;
            return [.. bytes[..start], .. Inserted, .. bytes[start..]];
        }
    }

    /// <summary>Structure: a line dropped, doubled or moved.</summary>
    private sealed record LineEdit(int Line, int Other, int Kind) : Mutation
    {
        public override byte[] Apply(byte[] bytes)
        {
            var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
            var a = Line % lines.Count;
            var b = Other % lines.Count;
            switch (Kind % 3)
            {
                case 0: lines.RemoveAt(a); break;
                case 1: lines.Insert(a, lines[a]); break;
                default: (lines[a], lines[b]) = (lines[b], lines[a]); break;
            }

            return Encoding.UTF8.GetBytes(string.Join('\n', lines));
        }
    }

    /// <summary>Fields: the n-th string or number value replaced by a hostile one.</summary>
    private sealed record ValueEdit(int Index, int Choice, bool Number) : Mutation
    {
        public override byte[] Apply(byte[] bytes)
        {
            var text = Encoding.UTF8.GetString(bytes);
            var pattern = Number ? @"(?<=[:\[,]\s*)-?\d+(\.\d+)?" : "(?<=:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"";
            var matches = System.Text.RegularExpressions.Regex.Matches(text, pattern);
            if (matches.Count == 0) return bytes;
            var match = matches[Index % matches.Count];
            var replacement = Number ? HostileNumbers[Choice % HostileNumbers.Length] : $"\"{HostileStrings[Choice % HostileStrings.Length]}\"";
            return Encoding.UTF8.GetBytes(text[..match.Index] + replacement + text[(match.Index + match.Length)..]);
        }
    }

    private static readonly Gen<int> Anywhere = Gen.Choose(0, int.MaxValue);

    private static readonly Gen<Mutation> MutationGen = Gen.OneOf(
        from at in Anywhere from value in Gen.Choose(0, 255) select (Mutation)new SetByte(at, (byte)value),
        from at in Anywhere from length in Gen.Choose(1, 64) select (Mutation)new DeleteRange(at, length),
        from at in Anywhere
        from inserted in Gen.Elements("{", "}", "[", "]", ",", "\"", ":", "\\", "\ud83d\ude00", "\u00ff", "null", "\r\n", "\uFEFF")
        select (Mutation)new InsertBytes(at, Encoding.UTF8.GetBytes(inserted)),
        from line in Anywhere from other in Anywhere from kind in Gen.Choose(0, 2) select (Mutation)new LineEdit(line, other, kind),
        from index in Anywhere from choice in Anywhere from number in Gen.Elements(true, false) select (Mutation)new ValueEdit(index, choice, number));

    private static readonly Arbitrary<(int Source, Mutation[] Mutations)> Cases =
        (from source in Gen.Choose(0, Sources.Length - 1)
         from count in Gen.Choose(1, 3)
         from mutations in Gen.ArrayOf(MutationGen, count)
         select (source, mutations)).ToArbitrary();

    [Fact]
    public void Every_mutated_input_gets_a_legitimate_answer_or_a_one_line_error_naming_the_file()
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(400)
            .WithReplay(new Replay(new Rnd(0x11_5eedUL, 0x9e37_79b9_7f4a_7c15UL), null));
        Check.One(config, Prop.ForAll(Cases, c => Holds(c.Source, c.Mutations)));
    }

    private bool Holds(int source, Mutation[] mutations)
    {
        var isTrace = Sources[source].Contains($"{Path.DirectorySeparatorChar}traces{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        var bytes = mutations.Aggregate(File.ReadAllBytes(Sources[source]), (b, m) => m.Apply(b));
        var path = _dir.File($"case{_case++}.json");
        File.WriteAllBytes(path, bytes);
        string[] args = isTrace
            ? ["replay", path]
            : ["test", path, "--iterations", "3", "--shorten", "0", "--max-steps", "500", "--out", _dir.File("out")];

        var run = Task.Run(() => CliRunner.Run(args));
        Assert.True(run.Wait(PerCase), $"no answer within {PerCase} for {string.Join(" ", args)}");
        var result = run.Result;
        Assert.True(result.ExitCode is 0 or 1 or 2, $"{string.Join(", ", mutations.Select(m => m.ToString()))}\n{result}");
        if (result.ExitCode == 2)
        {
            var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1 && lines[0].StartsWith("mmu-verify: error: " + path, StringComparison.Ordinal), result.ToString());
        }

        return true;
    }
}
