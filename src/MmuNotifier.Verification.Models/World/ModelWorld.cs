// SPDX-License-Identifier: GPL-2.0-only
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

    public ModelWorld(IRuntime rt, Scenario scenario, ModelTweaks? tweaks = null)
        : this(rt, scenario, KernelConfig.Faithful, tweaks)
    {
    }

    /// <param name="defects">
    /// The catalogued defects switched on (port and driver defects alike, see
    /// Defects/DefectCatalogue); its fault switches are replaced by the scenario's.
    /// </param>
    public ModelWorld(IRuntime rt, Scenario scenario, KernelConfig defects, ModelTweaks? tweaks = null)
    {
        _rt = rt;
        rt.OnAllocation(_allocations.Add);
        Scenario = scenario;
        Tweaks = tweaks ?? ModelTweaks.None;
        Kernel = new KernelInstance(_rt, defects with
        {
            AllocationsMayFail = scenario.Faults.Allocation,
            TakeAllLocksMayFail = scenario.Faults.TakeAllLocks,
        });
        Mm = Kernel.MmAlloc("mm");
        Pt = new PageTable(_rt, Mm, scenario.Pages);
        Core = new CoreMmOps(this);
        Kernel.ExitMmap = Core.ExitMmap;
        Nmi = new NoMissedInvalidation(_rt, Pt);
        Audit = new CallbackAudit(_rt, scenario.Pages);
        Sequences = new SequenceMonitors(_rt, Mm);
        Active = new ActiveRanges(_rt, Mm);
        _changingSubscriptions = scenario.Threads.SelectMany(t => t.Ops)
            .Where(o => o.Kind is OpKind.Insert or OpKind.Remove && o.Sub is not null)
            .Select(o => o.Sub!).ToHashSet(StringComparer.Ordinal);
        foreach (var spec in scenario.Subscriptions)
        {
            UserModel user = spec.User switch
            {
                UserKind.HmmMirror => new HmmMirror(this, spec),
                UserKind.Kvm => new KvmUser(this, spec),
                UserKind.SecondaryTlb => new SecondaryTlbUser(this, spec),
                UserKind.StartOnly => new StartOnlyUser(this, spec),
                _ => new GetPutUser(this, spec),
            };
            _users.Add(spec.Name, user);
            if (user.Mmu is not null) Nmi.Track(user.Mmu);
        }
    }

    public IRuntime Rt => _rt;

    public Scenario Scenario { get; }

    public ModelTweaks Tweaks { get; }

    /// <summary>The catalogued defects switched on: drivers test theirs with <c>Defects.Has(DriverDefects.X)</c>.</summary>
    public KernelConfig Defects => Kernel.Config;

    public KernelInstance Kernel { get; }

    public MmStruct Mm { get; }

    public PageTable Pt { get; }

    public CoreMmOps Core { get; }

    public NoMissedInvalidation Nmi { get; }

    public CallbackAudit Audit { get; }

    public SequenceMonitors Sequences { get; }

    public ActiveRanges Active { get; }

    public IReadOnlyDictionary<string, UserModel> Users => _users;

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
                BadInputChecks.CheckResult(this, op, await _users[op.Sub!].Subscribe(op));
                break;
            default: await _users[op.Sub!].Unsubscribe(op); break;
        }
    }

    /// <summary>exit_mmap's mmu_notifier_release returned: from now on no unregister may call ->release again.</summary>
    internal void OnExitRelease()
    {
        foreach (var audit in HlistAudits()) audit.ReleasedByExit = true;
    }

    internal IEnumerable<SubscriptionAudit> HlistAudits()
    {
        foreach (var user in _users.Values)
        {
            switch (user)
            {
                case HlistUser hlist: yield return hlist.Audit; break;
                case GetPutUser getPut:
                    foreach (var audit in getPut.Audits) yield return audit;
                    break;
            }
        }
    }

    /// <summary>
    /// End of run. Queued SRCU callbacks run first. If the process exited, every user drops what
    /// it still holds and the mm must then be freed with nothing else left allocated. If not, the
    /// counts must equal the process's references plus one pin per live subscription — checking
    /// that directly keeps the common runs short instead of tearing the whole mm down each time.
    /// </summary>
    private async ValueTask Finish()
    {
        var srcu = Kernel.Notifier.Srcu;
        await srcu.Barrier();
        RefcountChecks.CheckPairing(this);
        if (!ProcessExited)
        {
            RefcountChecks.CheckLive(this, _allocations);
            return;
        }

        foreach (var user in _users.Values) await user.Cleanup();
        await srcu.Barrier();
        RefcountChecks.CheckAllFreed(this, _allocations);
    }

    /// <summary>Subscriptions that still pin the mm (one mmgrab each) and the allocations they own.</summary>
    internal (int Pins, List<Engine.Abstractions.ILifetime?> Owned) LiveSubscriptions()
    {
        var pins = 0;
        var owned = new List<Engine.Abstractions.ILifetime?>();
        foreach (var user in _users.Values)
        {
            switch (user)
            {
                case HmmMirror mirror when mirror.IsInserted && !mirror.Audit.Gone: pins++; break;
                case HlistUser hlist when hlist.IsLive: pins++; break;
                case GetPutUser getPut:
                    foreach (var sub in getPut.LiveSubscriptions)
                    {
                        pins++;
                        owned.Add(sub.Lifetime);
                    }

                    break;
            }
        }

        return (pins, owned);
    }
}
