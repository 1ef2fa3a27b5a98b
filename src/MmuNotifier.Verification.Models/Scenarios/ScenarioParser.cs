// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Drivers;

namespace MmuNotifier.Verification.Models.Scenarios;

/// <summary>
/// Reads and validates a scenario file (docs/scenario-format.md). Every error is a
/// <see cref="ScenarioFormatException"/> naming the file, the line and the field.
/// </summary>
public static class ScenarioParser
{
    private const int MaxPages = 64;
    private const int MaxThreads = 8;

    private static readonly Dictionary<string, int> ErrnoNames = new(StringComparer.Ordinal)
    {
        ["0"] = 0,
        ["-EINTR"] = -Errno.EINTR,
        ["-EAGAIN"] = -Errno.EAGAIN,
        ["-ENOMEM"] = -Errno.ENOMEM,
        ["-EINVAL"] = -Errno.EINVAL,
        ["-EOVERFLOW"] = -Errno.EOVERFLOW,
    };

    public static Scenario Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException error)
        {
            throw new ScenarioFormatException(path, 0, "$", $"a readable file ({error.Message})", error);
        }

        return Parse(bytes, path);
    }

    /// <param name="file">Used in error messages and recorded as the scenario's path.</param>
    public static Scenario Parse(byte[] utf8, string file)
    {
        var root = JsonTree.Parse(utf8, file);
        var v = new Validator(file);
        v.Object(root, ["name", "description", "pages", "subscriptions", "threads", "faults", "expect"]);

        var name = v.Name(v.Required(root, "name"));
        var pages = root["pages"] is { } p ? v.Int(p, 1, MaxPages) : 4;
        var subscriptions = root["subscriptions"] is { } subs ? v.Array(subs).Select(s => Subscription(v, s, pages)).ToList() : [];
        v.Unique(subscriptions.Select((s, i) => (s.Name, root["subscriptions"]!.Items[i])), "subscription");
        var byName = subscriptions.ToDictionary(s => s.Name, StringComparer.Ordinal);

        var threadsNode = v.Required(root, "threads");
        var threadItems = v.Array(threadsNode);
        if (threadItems.Count is 0 or > MaxThreads) throw v.Error(threadsNode, $"between 1 and {MaxThreads} threads");
        var threads = threadItems.Select(t => Thread(v, t, pages, byName)).ToList();
        v.Unique(threads.Select((t, i) => (t.Name, threadItems[i])), "thread");
        var exits = threadItems.SelectMany(t => t["ops"]!.Items).Where(o => o["op"]?.Text == "exit").ToList();
        if (exits.Count > 1) throw v.Error(exits[1], "at most one 'exit' operation per scenario (the process exits once)");

        return new Scenario
        {
            Name = name,
            Description = root["description"] is { } d ? v.String(d) : "",
            Pages = pages,
            Subscriptions = subscriptions,
            Threads = threads,
            Faults = root["faults"] is { } f ? Faults(v, f) : new FaultInjection(),
            Expect = root["expect"] is { } e ? Expect(v, e) : null,
            Path = file,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(utf8)),
        };
    }

    private static SubscriptionSpec Subscription(Validator v, JsonTree node, int pages)
    {
        v.Object(node, ["name", "user", "page", "pages", "setup", "invalidate"]);
        var name = v.Name(v.Required(node, "name"));
        var userNode = v.Required(node, "user");
        var userName = v.String(userNode);
        if (UserModels.Find(userName) is not { } model)
            throw v.Error(userNode, $"one of {string.Join(", ", UserModels.All.Select(m => m.Name))}, not '{userName}'");
        var user = model.Name;
        var first = node["page"] is { } p ? v.Int(p, 0, pages - 1) : 0;
        var count = node["pages"] is { } c ? v.Int(c, 1, pages - first) : pages - first;
        var setup = node["setup"] is not { } s || v.Bool(s);
        var failsBlockable = false;
        if (node["invalidate"] is { } behaviourNode)
        {
            var behaviour = v.String(behaviourNode);
            if (!model.HasInvalidateBehaviour)
                throw v.Error(behaviourNode,
                    $"no 'invalidate' on a {user} user (only {string.Join(", ", UserModels.All.Where(m => m.HasInvalidateBehaviour).Select(m => m.Name))} has one)");
            if (behaviour is not ("correct" or "fails-blockable"))
                throw v.Error(behaviourNode, $"one of correct, fails-blockable, not '{behaviour}'");
            failsBlockable = behaviour == "fails-blockable";
        }

        return new SubscriptionSpec(name, user, first, count, setup, failsBlockable);
    }

    private static ThreadSpec Thread(Validator v, JsonTree node, int pages, Dictionary<string, SubscriptionSpec> subs)
    {
        v.Object(node, ["name", "ops"]);
        var name = v.Name(v.Required(node, "name"));
        var ops = v.Array(v.Required(node, "ops")).Select(o => Op(v, o, pages, subs)).ToList();
        return new ThreadSpec(name, ops);
    }

    private static OpSpec Op(Validator v, JsonTree node, int pages, Dictionary<string, SubscriptionSpec> subs)
    {
        v.Object(node, ["op", "sub", "page", "pages", "start", "length", "expect"]);
        var opNode = v.Required(node, "op");
        var opName = v.String(opNode);
        if (!OpNames.TryParse(opName, out var kind))
            throw v.Error(opNode, $"one of {string.Join(", ", OpNames.All)}, not '{opName}'");

        string? sub = null;
        if (OpNames.TakesSubscription(kind))
        {
            var subNode = v.Required(node, "sub");
            sub = v.String(subNode);
            if (!subs.TryGetValue(sub, out var spec))
                throw v.Error(subNode, $"the name of a subscription declared in $.subscriptions, not '{sub}'");
            if (!UserModels.Get(spec.User).Accepts(kind))
            {
                var users = UserModels.All.Where(m => m.Accepts(kind)).Select(m => m.Name);
                throw v.Error(opNode, $"an operation a {spec.User} user supports; '{opName}' works on {string.Join(", ", users)}");
            }
        }
        else if (node["sub"] is { } stray)
        {
            throw v.Error(stray, $"no 'sub' on the core-MM operation '{opName}'");
        }

        var page = node["page"] is { } p ? v.Int(p, 0, pages - 1) : 0;
        var count = node["pages"] is { } c ? v.Int(c, 1, pages - page) : 1;
        ulong? start = node["start"] is { } s ? v.Address(s) : null;
        ulong? length = node["length"] is { } l ? v.Address(l) : null;
        if ((start is not null || length is not null) && kind != OpKind.Insert)
            throw v.Error(node["start"] ?? node["length"]!, "'start' and 'length' only on an 'insert'");
        int? expect = null;
        if (node["expect"] is { } e)
        {
            if (kind is not (OpKind.Insert or OpKind.Register or OpKind.Get))
                throw v.Error(e, "'expect' only on insert, register or get");
            var text = e.Kind == JsonValueKind.Number ? e.Raw! : v.String(e);
            if (!ErrnoNames.TryGetValue(text, out var errno))
                throw v.Error(e, $"one of {string.Join(", ", ErrnoNames.Keys)}, not '{text}'");
            expect = errno;
        }

        return new OpSpec(kind, sub, page, count, start, length, expect);
    }

    private static FaultInjection Faults(Validator v, JsonTree node)
    {
        v.Object(node, ["allocation", "takeAllLocks", "trylock"]);
        return new FaultInjection(
            node["allocation"] is { } a && v.Bool(a),
            node["takeAllLocks"] is { } t && v.Bool(t),
            node["trylock"] is { } l && v.Bool(l));
    }

    private static ExpectedOutcome? Expect(Validator v, JsonTree node)
    {
        v.Object(node, ["bug", "invariant"]);
        var bugNode = v.Required(node, "bug");
        var bug = v.String(bugNode);
        if (bug == "none") return null;
        // Only findings about the model can be expected; a harness error or a step-bound hit never can.
        var kinds = Enum.GetValues<BugKind>().Where(k => new Bug(k, "", 0, "").IsBug).Select(k => k.ToString()).ToList();
        if (!kinds.Contains(bug))
            throw v.Error(bugNode, $"'none' or a bug kind ({string.Join(", ", kinds)}), not '{bug}'");
        return new ExpectedOutcome(bug, node["invariant"] is { } i ? v.String(i) : null);
    }

    /// <summary>Type checks that know the file, so each failure becomes one precise error.</summary>
    private sealed class Validator(string file)
    {
        public ScenarioFormatException Error(JsonTree node, string expected) => new(file, node.Line, node.Path, expected);

        public void Object(JsonTree node, string[] allowed)
        {
            if (node.Kind != JsonValueKind.Object) throw Error(node, $"an object, not {Describe(node)}");
            foreach (var (name, value) in node.Properties)
            {
                if (!allowed.Contains(name))
                    throw Error(value, $"a known field ({string.Join(", ", allowed)}); '{name}' is not one");
            }
        }

        public JsonTree Required(JsonTree node, string field) =>
            node[field] ?? throw new ScenarioFormatException(file, node.Line, $"{node.Path}.{field}", "a value: this field is required");

        public List<JsonTree> Array(JsonTree node) =>
            node.Kind == JsonValueKind.Array ? node.Items : throw Error(node, $"an array, not {Describe(node)}");

        public string String(JsonTree node) =>
            node.Kind == JsonValueKind.String ? node.Text! : throw Error(node, $"a string, not {Describe(node)}");

        public bool Bool(JsonTree node) => node.Kind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(node, $"true or false, not {Describe(node)}"),
        };

        public string Name(JsonTree node)
        {
            var name = String(node);
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
                throw Error(node, $"a name of letters, digits, '-' and '_', not '{name}'");
            return name;
        }

        public int Int(JsonTree node, int min, int max)
        {
            if (node.Kind != JsonValueKind.Number || !int.TryParse(node.Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw Error(node, $"an integer, not {Describe(node)}");
            if (value < min || value > max) throw Error(node, $"an integer in [{min}, {max}], not {value}");
            return value;
        }

        /// <summary>A 64-bit address or length: a non-negative integer, or a "0x..." string for large values.</summary>
        public ulong Address(JsonTree node)
        {
            if (node.Kind == JsonValueKind.Number && ulong.TryParse(node.Raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            if (node.Kind == JsonValueKind.String && node.Text!.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
                ulong.TryParse(node.Text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h)) return h;
            throw Error(node, $"a non-negative 64-bit integer or a \"0x...\" hex string, not {Describe(node)}");
        }

        public void Unique(IEnumerable<(string Name, JsonTree Node)> names, string what)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, node) in names)
                if (!seen.Add(name)) throw Error(node["name"] ?? node, $"a unique {what} name; '{name}' is used twice");
        }

        private static string Describe(JsonTree node) => node.Kind switch
        {
            JsonValueKind.String => $"the string \"{node.Text}\"",
            JsonValueKind.Number => $"the number {node.Raw}",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
