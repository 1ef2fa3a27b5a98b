// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Json;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Invariants;

namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>
/// Reads and validates a scenario file (docs/scenario-format.md). Every error is a
/// <see cref="JsonFormatException"/> naming the file, the line and the field.
/// </summary>
public static class ScenarioParser
{
    private const int MaxPages = 64;
    private const int MaxThreads = 8;

    // Bounds of a scenario a search can still say something about: every subscription and
    // operation multiplies the schedules, and far past these a thread's steps alone exceed the
    // default max-steps, so the run would end as a step-bound finding rather than as an answer.
    private const int MaxSubscriptions = 32;
    private const int MaxOpsPerThread = 64;

    private static readonly Dictionary<string, int> ErrnoNames = new(StringComparer.Ordinal)
    {
        ["0"] = 0,
        ["-EINTR"] = -Errno.EINTR,
        ["-EAGAIN"] = -Errno.EAGAIN,
        ["-ENOMEM"] = -Errno.ENOMEM,
        ["-EINVAL"] = -Errno.EINVAL,
        ["-EOVERFLOW"] = -Errno.EOVERFLOW,
    };

    /// <exception cref="JsonFormatException">The file is missing, unreadable, too large or not a valid scenario.</exception>
    public static Scenario Load(string path) => Parse(JsonFile.ReadBytes(path, "scenario"), path);

    /// <param name="file">Used in error messages and recorded as the scenario's path.</param>
    /// <exception cref="JsonFormatException">The text is not a valid scenario.</exception>
    public static Scenario Parse(byte[] utf8, string file)
    {
        // Scenarios are written by hand: comments and trailing commas are welcome.
        var root = JsonValue.Parse(utf8, file, JsonSyntax.CommentsAndTrailingCommas);
        root.AsObject(["name", "description", "pages", "subscriptions", "threads", "faults", "expect"]);

        var nameNode = root.Required("name");
        var name = Name(nameNode);
        var pages = root["pages"] is { } p ? p.AsInt32(1, MaxPages) : 4;
        var subscriptionItems = root["subscriptions"]?.AsArray() ?? [];
        if (subscriptionItems.Count > MaxSubscriptions)
            throw root["subscriptions"]!.Error($"expected at most {MaxSubscriptions} subscriptions, found {subscriptionItems.Count}");
        var subscriptions = subscriptionItems.Select(s => Subscription(s, pages)).ToList();
        Unique(subscriptions.Select((s, i) => (s.Name, subscriptionItems[i])), "subscription");
        var byName = subscriptions.ToDictionary(s => s.Name, StringComparer.Ordinal);

        var threadsNode = root.Required("threads");
        var threadItems = threadsNode.AsArray();
        if (threadItems.Count is 0 or > MaxThreads) throw threadsNode.Error($"expected between 1 and {MaxThreads} threads, found {threadItems.Count}");
        var threads = threadItems.Select(t => Thread(t, pages, byName)).ToList();
        Unique(threads.Select((t, i) => (t.Name, threadItems[i])), "thread");
        var exits = threadItems.SelectMany(t => t.Required("ops").Items).Where(o => o.Required("op").AsString() == "exit").ToList();
        if (exits.Count > 1) throw exits[1].Error("at most one 'exit' operation per scenario (the process exits once)");

        return new Scenario
        {
            Name = name,
            Description = root["description"]?.AsString() ?? "",
            Pages = pages,
            Subscriptions = subscriptions,
            Threads = threads,
            Faults = root["faults"] is { } f ? Faults(f) : new FaultInjection(),
            Expect = root["expect"] is { } e ? Expect(e) : null,
            Path = file,
            NameLine = nameNode.Line,
            // Over the file's bytes exactly as read: replay compares it with the trace's recorded hash.
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(utf8)),
        };
    }

    private static SubscriptionSpec Subscription(JsonValue node, int pages)
    {
        node.AsObject(["name", "user", "page", "pages", "setup", "invalidate"]);
        var name = Name(node.Required("name"));
        var model = ParseUserKind(node.Required("user"));
        var user = model.Name;
        if (model.Api != UserApi.Interval) RefuseRange(node, user);
        var first = node["page"] is { } p ? p.AsInt32(0, pages - 1) : 0;
        var count = node["pages"] is { } c ? c.AsInt32(1, pages - first) : pages - first;
        var setup = node["setup"]?.AsBool() ?? true;
        var failsBlockable = false;
        if (node["invalidate"] is { } behaviourNode)
        {
            if (!model.HasInvalidateBehaviour)
                throw behaviourNode.Error(
                    $"no 'invalidate' on a {user} user (only {string.Join(", ", UserModels.All.Where(m => m.HasInvalidateBehaviour).Select(m => m.Name))} has one)");
            failsBlockable = behaviourNode.AsOneOf(["correct", "fails-blockable"]) == "fails-blockable";
        }

        return new SubscriptionSpec(name, user, first, count, setup, failsBlockable);
    }

    private static ThreadSpec Thread(JsonValue node, int pages, Dictionary<string, SubscriptionSpec> subs)
    {
        node.AsObject(["name", "ops"]);
        var nameNode = node.Required("name");
        var name = Name(nameNode);
        // The runtime's own first thread spawns these; a second of its name would make every report ambiguous.
        if (name == IRuntime.MainThreadName) throw nameNode.Error($"a thread name other than '{IRuntime.MainThreadName}', the harness's thread that starts the others");
        var opsNode = node.Required("ops");
        var opItems = opsNode.AsArray();
        if (opItems.Count > MaxOpsPerThread) throw opsNode.Error($"expected at most {MaxOpsPerThread} operations per thread, found {opItems.Count}");
        var ops = opItems.Select(o => Op(o, pages, subs)).ToList();
        return new ThreadSpec(name, ops);
    }

    private static OpSpec Op(JsonValue node, int pages, Dictionary<string, SubscriptionSpec> subs)
    {
        node.AsObject(["op", "sub", "page", "pages", "start", "length", "expect"]);
        var opNode = node.Required("op");
        var kind = ParseOpKind(opNode);
        var opName = opNode.AsString();

        string? sub = null;
        if (OpNames.TakesSubscription(kind))
        {
            var subNode = node.Required("sub");
            sub = subNode.AsString();
            if (!subs.TryGetValue(sub, out var spec))
                throw subNode.Error($"expected the name of a subscription declared in $.subscriptions, found {subNode.Describe()}");
            if (!UserModels.Get(spec.User).Accepts(kind))
            {
                var users = UserModels.All.Where(m => m.Accepts(kind)).Select(m => m.Name);
                throw opNode.Error($"an operation a {spec.User} user supports; '{opName}' works on {string.Join(", ", users)}");
            }
        }
        else if (node["sub"] is { } stray)
        {
            throw stray.Error($"no 'sub' on the core-MM operation '{opName}'");
        }

        OnlyOn(node, "page", kind, OpNames.TakesPage);
        OnlyOn(node, "pages", kind, OpNames.TakesPageCount);
        var page = node["page"] is { } p ? p.AsInt32(0, pages - 1) : 0;
        var count = node["pages"] is { } c ? c.AsInt32(1, pages - page) : 1;
        ulong? start = node["start"] is { } s ? Address(s) : null;
        ulong? length = node["length"] is { } l ? Address(l) : null;
        if ((start is not null || length is not null) && kind != OpKind.Insert)
            throw (node["start"] ?? node["length"]!).Error("'start' and 'length' only on an 'insert'");
        int? expect = null;
        if (node["expect"] is { } e)
        {
            if (kind is not (OpKind.Insert or OpKind.Register or OpKind.Get))
                throw e.Error("'expect' only on insert, register or get");
            expect = ReturnValue(e);
        }

        return new OpSpec(kind, sub, page, count, start, length, expect);
    }

    // Only interval users subscribe a range; the hlist and get/put users always cover the whole mm.
    private static void RefuseRange(JsonValue node, string user)
    {
        foreach (var field in new[] { "page", "pages" })
        {
            if (node[field] is not { } stray) continue;
            var interval = UserModels.All.Where(m => m.Api == UserApi.Interval).Select(m => m.Name);
            throw stray.Error($"no '{field}' on a {user} user (only interval users have a range: {string.Join(", ", interval)}; the others cover the whole mm)");
        }
    }

    /// <summary>A field the operation would not read is refused rather than dropped.</summary>
    private static void OnlyOn(JsonValue node, string field, OpKind kind, Func<OpKind, bool> takes)
    {
        if (node[field] is { } stray && !takes(kind))
            throw stray.Error($"'{field}' only on {string.Join(", ", OpNames.Matching(takes))}");
    }

    private static UserModelInfo ParseUserKind(JsonValue node) =>
        UserModels.Find(node.AsOneOf(UserModels.All.Select(m => m.Name).ToList()))!;

    private static OpKind ParseOpKind(JsonValue node)
    {
        OpNames.TryParse(node.AsOneOf(OpNames.All.ToList()), out var kind);
        return kind;
    }

    /// <summary>A return value: 0 (as a number or a string) or a negative errno by name.</summary>
    private static int ReturnValue(JsonValue node)
    {
        var text = node.NumberText ?? node.AsString();
        return ErrnoNames.TryGetValue(text, out var errno)
            ? errno
            : throw node.Error($"expected one of {string.Join(", ", ErrnoNames.Keys)}, found {node.Describe()}");
    }

    private static FaultInjection Faults(JsonValue node)
    {
        node.AsObject(["allocation", "takeAllLocks", "trylock"]);
        return new FaultInjection(
            node["allocation"]?.AsBool() ?? false,
            node["takeAllLocks"]?.AsBool() ?? false,
            node["trylock"]?.AsBool() ?? false);
    }

    private static ExpectedOutcome? Expect(JsonValue node)
    {
        node.AsObject(["bug", "invariant"]);
        var bugNode = node.Required("bug");
        var bug = bugNode.AsString();
        // Only invariant violations carry an invariant's name: elsewhere it could never match.
        var invariantNode = node["invariant"];
        if (invariantNode is not null && bug != nameof(BugKind.InvariantViolation))
            throw invariantNode.Error($"'invariant' only with \"bug\": \"{nameof(BugKind.InvariantViolation)}\" (no other kind of bug names one)");
        if (bug == "none") return null;
        // Only findings about the model can be expected; a harness error or a step-bound hit never can.
        var kinds = Enum.GetValues<BugKind>().Where(k => new Bug(k, "", 0, "").IsBug).Select(k => k.ToString()).ToList();
        if (!kinds.Contains(bug))
            throw bugNode.Error($"expected 'none' or a bug kind ({string.Join(", ", kinds)}), found {bugNode.Describe()}");
        return new ExpectedOutcome(bug, invariantNode?.AsOneOf(InvariantNames.All));
    }

    /// <summary>A thread or subscription name: what reports and traces print, so kept plain.</summary>
    private static string Name(JsonValue node)
    {
        var name = node.AsString();
        if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            throw node.Error($"expected a name of letters, digits, '-' and '_', found {node.Describe()}");
        return name;
    }

    /// <summary>A 64-bit address or length: a non-negative integer, or a "0x..." string for large values.</summary>
    private static ulong Address(JsonValue node)
    {
        if (ulong.TryParse(node.NumberText, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        if (node.Kind == JsonValueKind.String && node.AsString() is var text && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h)) return h;
        throw node.Error($"expected a non-negative 64-bit integer or a \"0x...\" hex string, found {node.Describe()}");
    }

    private static void Unique(IEnumerable<(string Name, JsonValue Node)> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in names)
            if (!seen.Add(name)) throw (node["name"] ?? node).Error($"a unique {what} name; '{name}' is used twice");
    }
}
