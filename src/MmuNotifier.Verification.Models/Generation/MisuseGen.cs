// SPDX-License-Identifier: GPL-2.0-only
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// Generators of misusing scenarios: one misuse (<see cref="MisuseKind"/>) by a thread of its own.
/// The double subscribe/unsubscribe kinds run beside a legal generated scenario (so the misuse
/// meets concurrent invalidations, faults and teardown); the after-exit kinds run alone, after an
/// exit, with a pinning mirror keeping the mm allocated, since the legal scenario's process work
/// would itself be a misuse once the mm has no users.
/// </summary>
public static class MisuseGen
{
    /// <summary>The misusing subscription and thread carry these names (no generated name collides).</summary>
    public const string SubName = "misused";

    public const string ThreadName = "misuse";

    public static Gen<(MisuseKind Kind, Scenario Scenario)> Misuse { get; } =
        from kind in Gen.Elements(MisuseKinds.All.ToArray())
        from legal in ScenarioGen.Scenario
        select (kind, Build(kind, legal));

    /// <summary>The misuse of <paramref name="kind"/> added to (or, after exit, replacing) <paramref name="legal"/>.</summary>
    public static Scenario Build(MisuseKind kind, Scenario legal)
    {
        var mirror = new SubscriptionSpec(SubName, "hmm-mirror", 0, legal.Pages, AtSetup: false);
        var kvm = new SubscriptionSpec(SubName, "kvm", 0, legal.Pages, AtSetup: false);
        var getPut = new SubscriptionSpec(SubName, "get-put", 0, legal.Pages, AtSetup: false);
        var (sub, ops) = kind switch
        {
            MisuseKind.DoubleInsert => (mirror, new[] { Op(OpKind.Insert), Op(OpKind.Insert) }),
            MisuseKind.DoubleRegister => (kvm, new[] { Op(OpKind.Register), Op(OpKind.Register) }),
            MisuseKind.DoubleRemove => (mirror with { AtSetup = true }, new[] { Op(OpKind.Remove), Op(OpKind.Remove) }),
            MisuseKind.DoubleUnregister => (kvm with { AtSetup = true }, new[] { Op(OpKind.Unregister), Op(OpKind.Unregister) }),
            // The kernel refuses the insert with -EINVAL and a WARN: expecting the error leaves the WARN as the finding.
            MisuseKind.InsertAfterExit => (mirror, new[] { new OpSpec(OpKind.Exit), Op(OpKind.Insert) with { Expect = -Kernel.Errno.EINVAL } }),
            MisuseKind.RegisterAfterExit => (kvm, new[] { new OpSpec(OpKind.Exit), Op(OpKind.Register) }),
            MisuseKind.PutTwice => (getPut, new[] { Op(OpKind.Get), Op(OpKind.Put) }),
            MisuseKind.OpsAfterFree => (mirror with { AtSetup = true }, new[] { Op(OpKind.Remove), Op(OpKind.Fault) }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var thread = new ThreadSpec(ThreadName, ops);
        if (kind is MisuseKind.InsertAfterExit or MisuseKind.RegisterAfterExit)
        {
            var pin = new SubscriptionSpec("pin", "hmm-mirror", 0, legal.Pages, AtSetup: true);
            return legal with { Subscriptions = [pin, sub], Threads = [thread], Faults = new FaultInjection(false, false, false) };
        }

        // The legal scenario's exit is dropped: a subscribe after it would be a second misuse.
        var threads = legal.Threads.Select(t => t with { Ops = t.Ops.Where(o => o.Kind != OpKind.Exit).ToList() })
            .Where(t => t.Ops.Count > 0);
        return legal with { Subscriptions = [.. legal.Subscriptions, sub], Threads = [.. threads, thread] };

        static OpSpec Op(OpKind op) => new(op, SubName);
    }
}
