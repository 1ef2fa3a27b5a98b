// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>Which subscription interface of the notifier a user model drives.</summary>
public enum UserApi
{
    /// <summary>mmu_interval_notifier_insert / _remove: the scenario's "insert" and "remove".</summary>
    Interval,
    /// <summary>mmu_notifier_register / _unregister: "register" and "unregister".</summary>
    Hlist,
    /// <summary>mmu_notifier_get / _put / mmu_notifier_synchronize: "get", "put" and "synchronize".</summary>
    GetPut,
}

/// <summary>
/// A user model as scenarios, the parser, the generator and the world know it: its name in
/// scenario files, how to build it, and what the scenario rules need to know about it.
/// </summary>
/// <param name="Name">The "user" of a subscription in a scenario file.</param>
/// <param name="Api">Which interface it subscribes through; decides its subscribe/unsubscribe operations.</param>
/// <param name="Create">Builds the model for one subscription of one world.</param>
public sealed record UserModelInfo(string Name, UserApi Api, Func<ModelWorld, SubscriptionSpec, UserModel> Create)
{
    /// <summary>It makes device accesses: the scenario's "fault" operation.</summary>
    public bool Faults { get; init; }

    /// <summary>
    /// Its faults are only legal once it is certainly registered (KVM creates its notifier with
    /// the VM, before any vCPU runs).
    /// </summary>
    public bool FaultsNeedRegistration { get; init; }

    /// <summary>It accepts "invalidate": "fails-blockable" (a broken driver kept for the port's WARN).</summary>
    public bool HasInvalidateBehaviour { get; init; }

    /// <summary>How often the scenario generator draws it, relative to the others; 0 never.</summary>
    public int GenerationWeight { get; init; }

    /// <summary>Generated subscriptions are called this plus their index.</summary>
    public string NamePrefix { get; init; } = "user";

    /// <summary>The subscribe, unsubscribe (and synchronize) operations of its interface.</summary>
    public IReadOnlyList<OpKind> ApiOps { get; } = OpsOf(Api);

    /// <summary>Whether a thread's operation may name a subscription of this model.</summary>
    public bool Accepts(OpKind op) => op == OpKind.Fault ? Faults : ApiOps.Contains(op);

    private static OpKind[] OpsOf(UserApi api) => api switch
    {
        UserApi.Interval => [OpKind.Insert, OpKind.Remove],
        UserApi.Hlist => [OpKind.Register, OpKind.Unregister],
        _ => [OpKind.Get, OpKind.Put, OpKind.Synchronize],
    };
}
