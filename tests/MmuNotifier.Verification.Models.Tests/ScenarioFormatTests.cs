// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests;

/// <summary>One test per documented error of docs/scenario-format.md: "file:line: field: what was expected".</summary>
public sealed class ScenarioFormatTests
{
    private const string Threads = """
        "threads": [ { "name": "cpu0", "ops": [ { "op": "unmap" } ] } ]
        """;

    private static JsonFormatException Bad(string json)
    {
        var error = Assert.Throws<JsonFormatException>(() => ScenarioParser.Parse(Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.StartsWith($"bad.json:{error.Line}: {error.Path}: ", error.Message);
        return error;
    }

    private static void Expect(JsonFormatException error, long line, string field, string fragment)
    {
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Path);
        Assert.Contains(fragment, error.Expected);
    }

    [Fact]
    public void CommentsAndTrailingCommasAreAllowed()
    {
        var scenario = ScenarioParser.Parse(Encoding.UTF8.GetBytes("// c\n{ \"name\": \"x\", /* c */ " + Threads + ", }"), "ok.json");
        Assert.Equal("x", scenario.Name);
        Assert.Equal(64, scenario.ContentHash.Length);
    }

    [Fact]
    public void InvalidateBehaviourOnlyOnMirrors()
    {
        Expect(Bad("{ \"name\": \"x\",\n \"subscriptions\": [ { \"name\": \"k\", \"user\": \"kvm\", \"invalidate\": \"fails-blockable\" } ], " + Threads + " }"),
            2, "$.subscriptions[0].invalidate", "only hmm-mirror");
        Expect(Bad("{ \"name\": \"x\",\n \"subscriptions\": [ { \"name\": \"m\", \"user\": \"hmm-mirror\", \"invalidate\": \"sometimes\" } ], " + Threads + " }"),
            2, "$.subscriptions[0].invalidate", "one of correct, fails-blockable");
        var ok = ScenarioParser.Parse(Encoding.UTF8.GetBytes(
            "{ \"name\": \"x\", \"subscriptions\": [ { \"name\": \"m\", \"user\": \"hmm-mirror\", \"invalidate\": \"fails-blockable\" }, " +
            "{ \"name\": \"s\", \"user\": \"start-only\" } ], " + Threads + " }"), "ok.json");
        Assert.True(ok.Subscriptions[0].FailsBlockable);
        Assert.Equal(UserKind.StartOnly, ok.Subscriptions[1].User);
    }

    [Fact]
    public void SyntaxError() => Expect(Bad("{\n  \"name\": \"x\"\n  \"pages\": 2\n}"), 3, "$", "malformed JSON at column 3: ");

    [Fact]
    public void MissingRequiredField() => Expect(Bad("{\n \"name\": \"x\"\n}"), 1, "$.threads", "required");

    [Fact]
    public void WrongType() => Expect(Bad("{ \"name\": \"x\",\n \"pages\": \"four\", " + Threads + " }"), 2, "$.pages", "an integer");

    [Fact]
    public void UnknownField() => Expect(Bad("{ \"name\": \"x\",\n \"colour\": 1, " + Threads + " }"), 2, "$.colour", "unknown field 'colour'; expected one of: name, description");

    /// <summary>Before, a thread named main ran beside the harness's main ("main: spawn main" in the interleaving).</summary>
    [Fact]
    public void ThreadNamedLikeTheHarnessThread() =>
        Expect(Bad("{ \"name\": \"x\",\n \"threads\": [ { \"name\": \"main\", \"ops\": [ { \"op\": \"unmap\" } ] } ] }"), 2,
            "$.threads[0].name", "a thread name other than 'main', the harness's thread that starts the others");

    [Fact]
    public void UnknownOperation() =>
        Expect(Bad("{ \"name\": \"x\",\n \"threads\": [ { \"name\": \"t\", \"ops\": [\n { \"op\": \"teleport\" } ] } ] }"), 3,
            "$.threads[0].ops[0].op", "one of unmap");

    [Fact]
    public void UnknownUserModel() =>
        Expect(Bad("{ \"name\": \"x\", \"subscriptions\": [\n { \"name\": \"s\", \"user\": \"gpu\" } ], " + Threads + " }"), 2,
            "$.subscriptions[0].user", "hmm-mirror");

    [Fact]
    public void UnknownSubscription() =>
        Expect(Bad("{ \"name\": \"x\", \"threads\": [ { \"name\": \"t\", \"ops\": [\n { \"op\": \"fault\", \"sub\": \"nope\" } ] } ] }"), 2,
            "$.threads[0].ops[0].sub", "declared in $.subscriptions");

    [Fact]
    public void OperationTheUserDoesNotSupport() =>
        Expect(Bad("{ \"name\": \"x\", \"subscriptions\": [ { \"name\": \"k\", \"user\": \"kvm\" } ],\n \"threads\": [ { \"name\": \"t\", \"ops\": [\n { \"op\": \"insert\", \"sub\": \"k\" } ] } ] }"), 3,
            "$.threads[0].ops[0].op", "a kvm user supports");

    [Fact]
    public void PageOutOfRange() =>
        Expect(Bad("{ \"name\": \"x\", \"pages\": 2, \"threads\": [ { \"name\": \"t\", \"ops\": [\n { \"op\": \"unmap\", \"page\": 5 } ] } ] }"), 2,
            "$.threads[0].ops[0].page", "[0, 1]");

    [Fact]
    public void DuplicateName() =>
        Expect(Bad("{ \"name\": \"x\", \"threads\": [ { \"name\": \"t\", \"ops\": [] },\n { \"name\": \"t\", \"ops\": [] } ] }"), 2,
            "$.threads[1].name", "unique thread name");

    [Fact]
    public void UnknownErrno() =>
        Expect(Bad("{ \"name\": \"x\", \"subscriptions\": [ { \"name\": \"m\", \"user\": \"hmm-mirror\" } ], \"threads\": [ { \"name\": \"t\", \"ops\": [\n { \"op\": \"insert\", \"sub\": \"m\", \"expect\": \"-EPERM\" } ] } ] }"), 2,
            "$.threads[0].ops[0].expect", "-EOVERFLOW");

    [Fact]
    public void UnknownBugKind() =>
        Expect(Bad("{ \"name\": \"x\", " + Threads + ",\n \"expect\": { \"bug\": \"Crash\" } }"), 2, "$.expect.bug", "a bug kind");

    [Fact]
    public void FieldGivenTwice() =>
        Expect(Bad("{ \"name\": \"x\",\n \"name\": \"y\", " + Threads + " }"), 2, "$.name", "'name' is given twice");

    [Fact]
    public void HarnessKindCannotBeExpected() =>
        Expect(Bad("{ \"name\": \"x\", " + Threads + ",\n \"expect\": { \"bug\": \"HarnessError\" } }"), 2, "$.expect.bug", "found string \"HarnessError\"");

    [Fact]
    public void TwoExits() =>
        Expect(Bad("{ \"name\": \"x\", \"threads\": [ { \"name\": \"a\", \"ops\": [ { \"op\": \"exit\" } ] },\n { \"name\": \"b\", \"ops\": [ { \"op\": \"exit\" } ] } ] }"), 2,
            "$.threads[1].ops[0]", "at most one 'exit'");

    [Fact]
    public void BadAddress() =>
        Expect(Bad("{ \"name\": \"x\", \"subscriptions\": [ { \"name\": \"m\", \"user\": \"hmm-mirror\" } ], \"threads\": [ { \"name\": \"t\", \"ops\": [\n { \"op\": \"insert\", \"sub\": \"m\", \"start\": -1 } ] } ] }"), 2,
            "$.threads[0].ops[0].start", "hex string");

    // Fields the run never reads were accepted and dropped: an invariant no bug can carry made the
    // expected bug unreachable, a range on an hlist user or a page count on a fault changed nothing.
    [Theory]
    [InlineData("{ \"bug\": \"InvariantViolation\", \"invariant\": \"no-such\" }", "expected one of no-missed-invalidation, odd-seq, tree-stability")]
    [InlineData("{ \"bug\": \"Deadlock\", \"invariant\": \"odd-seq\" }", "'invariant' only with \"bug\": \"InvariantViolation\"")]
    [InlineData("{ \"bug\": \"none\", \"invariant\": \"odd-seq\" }", "'invariant' only with \"bug\": \"InvariantViolation\"")]
    public void ExpectedInvariantMustBeOneABugCanName(string expect, string fragment) =>
        Expect(Bad("{ \"name\": \"x\", " + Threads + ",\n \"expect\": " + expect + " }"), 2, "$.expect.invariant", fragment);

    [Theory]
    [InlineData("page")]
    [InlineData("pages")]
    public void RangeOnlyOnIntervalUsers(string field) =>
        Expect(Bad("{ \"name\": \"x\", \"pages\": 2, \"subscriptions\": [\n { \"name\": \"k\", \"user\": \"kvm\", \"" + field + "\": 1 } ], " + Threads + " }"), 2,
            "$.subscriptions[0]." + field, $"no '{field}' on a kvm user (only interval users have a range: hmm-mirror, hmm-mirror-locked; the others cover the whole mm)");

    [Theory]
    [InlineData("{ \"op\": \"fault\", \"sub\": \"m\", \"pages\": 2 }", "pages", "'pages' only on unmap, zap, migrate, protect, oom-reap, age")]
    [InlineData("{ \"op\": \"ksm-merge\", \"pages\": 2 }", "pages", "'pages' only on unmap, zap, migrate, protect, oom-reap, age")]
    [InlineData("{ \"op\": \"exit\", \"page\": 1 }", "page", "'page' only on unmap, zap, migrate, protect, oom-reap, age, ksm-merge, fault")]
    [InlineData("{ \"op\": \"remove\", \"sub\": \"m\", \"page\": 1 }", "page", "'page' only on unmap, zap, migrate, protect, oom-reap, age, ksm-merge, fault")]
    public void PageOnlyOnOperationsThatTouchPages(string op, string field, string fragment) =>
        Expect(Bad("{ \"name\": \"x\", \"pages\": 2, \"subscriptions\": [ { \"name\": \"m\", \"user\": \"hmm-mirror\" } ], \"threads\": [ { \"name\": \"t\", \"ops\": [\n " + op + " ] } ] }"), 2,
            "$.threads[0].ops[0]." + field, fragment);

    [Fact]
    public void NoThreads() => Expect(Bad("{ \"name\": \"x\",\n \"threads\": [] }"), 2, "$.threads", "between 1 and 8 threads");

    private static string Subscriptions(int count) =>
        "\"subscriptions\": [" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{ \"name\": \"s{i}\", \"user\": \"kvm\" }}")) + "]";

    private static string Unmaps(int count) =>
        "\"threads\": [ { \"name\": \"t\", \"ops\": [" + string.Join(", ", Enumerable.Repeat("{ \"op\": \"unmap\" }", count)) + "] } ]";

    [Fact]
    public void TooManySubscriptions()
    {
        Expect(Bad("{ \"name\": \"x\",\n " + Subscriptions(33) + ", " + Threads + " }"), 2, "$.subscriptions", "at most 32 subscriptions, found 33");
        Assert.Equal(32, ScenarioParser.Parse(Encoding.UTF8.GetBytes("{ \"name\": \"x\", " + Subscriptions(32) + ", " + Threads + " }"), "ok.json").Subscriptions.Count);
    }

    [Fact]
    public void TooManyOperationsInAThread()
    {
        Expect(Bad("{ \"name\": \"x\",\n " + Unmaps(65) + " }"), 2, "$.threads[0].ops", "at most 64 operations per thread, found 65");
        Assert.Equal(64, ScenarioParser.Parse(Encoding.UTF8.GetBytes("{ \"name\": \"x\", " + Unmaps(64) + " }"), "ok.json").Threads[0].Ops.Count);
    }

    [Fact]
    public void LoneSurrogateEscape() =>
        Expect(Bad("{ \"name\": \"x\",\n \"description\": \"\\ud800\", " + Threads + " }"), 2, "$.description", "lone surrogate escape");

    [Fact]
    public void InvalidUtf8()
    {
        byte[] bytes = [.. "{ \"name\": \"x\",\n \"description\": \""u8, 0xC3, .. "\", "u8, .. Encoding.UTF8.GetBytes(Threads), .. " }"u8];
        var error = Assert.Throws<JsonFormatException>(() => ScenarioParser.Parse(bytes, "bad.json"));
        Expect(error, 2, "$", "expected UTF-8 text, found the byte 0xC3 at column 18");
    }

    [Fact]
    public void UnreadableFileIsAFormatError()
    {
        var directory = Directory.CreateTempSubdirectory("scenario-format-tests").FullName;
        try
        {
            var error = Assert.Throws<JsonFormatException>(() => ScenarioParser.Load(directory));
            Assert.Equal($"{directory}: expected a scenario file, found a directory", error.Message);
            Assert.Equal(0, error.Line);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void ContentHashIsOverTheFileBytesAsRead()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{ \"name\": \"x\", " + Threads + " }")];
        var scenario = ScenarioParser.Parse(bytes, "bom.json");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), scenario.ContentHash);
    }

    [Fact]
    public void CatalogFindsByNameAndAllFilesParse()
    {
        Assert.True(Models.Catalog.All.Count >= 9);
        Assert.NotNull(Models.Catalog.Find("fault-vs-unmap"));
        Assert.All(Models.Catalog.All, s => Assert.False(string.IsNullOrEmpty(s.ContentHash)));
    }
}
