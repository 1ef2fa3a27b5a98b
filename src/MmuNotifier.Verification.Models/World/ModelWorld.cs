// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.World;

/// <summary>
/// Everything one schedule of a scenario runs on: a fresh kernel, one mm with its page table,
/// the core-MM operations, the notifier users and the invariant checkers. Built anew for every
/// schedule, so nothing carries over between runs.
/// </summary>
public sealed class ModelWorld
{
    private readonly IRuntime _rt;
    private readonly List<ILifetime> _allocations = [];
    private readonly Dictionary<string, UserModel> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changingSubscriptions;

    /// <summary>
    /// The subscriptions some thread of a scenario inserts or removes: a property of the scenario,
    /// worked out once for it rather than in every schedule's world (read-only, shared by workers).
    /// </summary>
    private static readonly ConditionalWeakTable<Scenario, HashSet<string>> ChangingSubscriptions = new();

    public ModelWorld(IRuntime rt, Scenario scenario, WorldOptions? options = null)
        : this(rt, scenario, KernelConfig.Faithful, options)
    {
    }

    /// <param name="defects">
    /// The catalogued defects switched on (port and driver defects alike, see
    /// Defects/DefectCatalogue); its fault switches are replaced by the scenario's.
    /// </param>
    /// <param name="options">Replacement models and invariants (tests); null for the faithful models.</param>
    public ModelWorld(IRuntime rt, Scenario scenario, KernelConfig defects, WorldOptions? options = null)
    {
        options ??= WorldOptions.Default;
        _rt = rt;
        rt.OnAllocation(_allocations.Add);
        Scenario = scenario;
        Kernel = new KernelInstance(_rt, defects with
        {
            AllocationsMayFail = scenario.Faults.Allocation,
            TakeAllLocksMayFail = scenario.Faults.TakeAllLocks,
        });
        Mm = Kernel.MmAlloc("mm");
        Pt = new PageTable(_rt, Mm, scenario.Pages);
        Core = options.Core?.Invoke(this) ?? new CoreMmOps(this);
        Kernel.ExitMmap = Core.ExitMmap;
        IdleSubscriptions = new IdleSubscriptionsView(_rt, Mm);
        Invariants = (options.Invariants ?? StandardInvariants.Create)();
        Events = new ModelEvents(Invariants.ToArray<IModelObserver>());
        foreach (var invariant in Invariants) invariant.Attach(this);
        Audit = new CallbackAudit(scenario.Pages, Events);
        _changingSubscriptions = ChangingSubscriptions.GetValue(scenario, static s => s.Threads.SelectMany(t => t.Ops)
            .Where(o => o.Kind is OpKind.Insert or OpKind.Remove && o.Sub is not null)
            .Select(o => o.Sub!).ToHashSet(StringComparer.Ordinal));
        foreach (var spec in scenario.Subscriptions)
        {
            var user = options.User?.Invoke(this, spec) ?? UserModels.Get(spec.User).Create(this, spec);
            _users.Add(spec.Name, user);
            Events.UserAdded(user);
        }
    }

    public IRuntime Rt => _rt;

    public Scenario Scenario { get; }

    /// <summary>The catalogued defects switched on: drivers test theirs with <c>Defects.Has(DriverDefects.X)</c>.</summary>
    public KernelConfig Defects => Kernel.Config;

    public KernelInstance Kernel { get; }

    public MmStruct Mm { get; }

    public PageTable Pt { get; }

    public CoreMmOps Core { get; }

    /// <summary>The invariants checked, in the order they hear events.</summary>
    public IReadOnlyList<ModelInvariant> Invariants { get; }

    /// <summary>Where models report what they do; it reaches every invariant.</summary>
    public ModelEvents Events { get; }

    /// <summary>Wraps a user's ops so that the port's calls into them reach the invariants.</summary>
    public CallbackAudit Audit { get; }

    /// <summary>The subscriptions structure as the per-step monitors may judge it, once per step.</summary>
    public IdleSubscriptionsView IdleSubscriptions { get; }

    public IReadOnlyDictionary<string, UserModel> Users => _users;

    /// <summary>Every allocation of the run, freed or not.</summary>
    public IReadOnlyList<ILifetime> Allocations => _allocations;

    /// <summary>The process's own mm_users reference has been dropped by an "exit" operation.</summary>
    public bool ProcessExited { get; private set; }

    /// <summary>True when some thread inserts or removes <paramref name="name"/>, so its faults must check liveness.</summary>
    public bool MayChangeSubscription(string name) => _changingSubscriptions.Contains(name);

    /// <summary>The test body: setup, the scenario's threads, then the end-of-run checks.</summary>
    public async Task Run()
    {
        foreach (var user in _users.Values) await user.Setup();

        var threads = Scenario.Threads.Select(spec => _rt.Spawn(spec.Name, () => RunThread(spec))).ToList();
        foreach (var thread in threads) await thread.Join();

        await Finish();
    }

    private async Task RunThread(ThreadSpec spec)
    {
        foreach (var op in spec.Ops) await RunOp(op);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunOp(OpSpec op)
    {
        switch (op.Kind)
        {
            case OpKind.Unmap: await Core.Unmap(op.Page, op.PageCount); break;
            case OpKind.Zap: await Core.Zap(op.Page, op.PageCount); break;
            case OpKind.Migrate: await Core.Migrate(op.Page, op.PageCount); break;
            case OpKind.Protect: await Core.Protect(op.Page, op.PageCount); break;
            case OpKind.OomReap: await Core.OomReap(op.Page, op.PageCount); break;
            case OpKind.Age: await Core.Age(op.Page, op.PageCount); break;
            case OpKind.KsmMerge: await Core.KsmMerge(op.Page); break;
            case OpKind.Exit:
                ProcessExited = true;
                await Kernel.Sched.Mmput(Mm);
                break;
            case OpKind.Fault: await _users[op.Sub!].Fault(op.Page); break;
            case OpKind.Insert or OpKind.Register or OpKind.Get:
                Events.SubscribeReturned(op, await _users[op.Sub!].Subscribe(op));
                break;
            default: await _users[op.Sub!].Unsubscribe(op); break;
        }
    }

    /// <summary>exit_mmap's mmu_notifier_release returned: from now on no unregister may call ->release again.</summary>
    internal void OnExitRelease()
    {
        foreach (var user in _users.Values)
            foreach (var audit in user.HlistAudits) audit.ReleasedByExit = true;
    }

    /// <summary>
    /// End of run. Queued SRCU callbacks run first. If the process exited, every user drops what
    /// it still holds and the mm must then be freed with nothing else left allocated. If not, the
    /// counts must equal the process's references plus one pin per live subscription — checking
    /// that directly keeps the common runs short instead of tearing the whole mm down each time.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask Finish()
    {
        var srcu = Kernel.Notifier.Srcu;
        await srcu.Barrier();
        Events.ThreadsFinished();
        if (!ProcessExited) return;

        foreach (var user in _users.Values) await user.Cleanup();
        await srcu.Barrier();
        Events.TeardownFinished();
    }
}
