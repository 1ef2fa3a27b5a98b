// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// A user of the get/put interface (as amdkfd or the SVA code use it): the kernel allocates the
/// subscription through alloc_notifier on the first get, shares it by reference count, and
/// frees it through free_notifier from an SRCU callback after the last put. Its start/end do
/// nothing but let the checker see any op that reaches a freed notifier.
/// </summary>
public class GetPutUser : UserModel
{
    private readonly MmuNotifierOps _ops;
    private readonly List<(MmuNotifierSubscription Sub, SubscriptionAudit Audit)> _allocated = [];
    /// <summary>
    /// The references each thread holds (by thread name; setup's are main's). A put drops one of
    /// the calling thread's own: a real driver puts the reference its own code path got, and the
    /// pointer reached that path through the driver's own synchronisation, which a reference
    /// shared between the model's threads through a plain C# field would skip (KCSAN then sees
    /// an mmu_notifier_put unordered with the get that registered the notifier).
    /// </summary>
    private readonly Dictionary<string, Stack<MmuNotifierSubscription>> _held = new(StringComparer.Ordinal);

    private Stack<MmuNotifierSubscription> HeldByCurrentThread()
    {
        var thread = W.Rt.CurrentThreadName;
        if (!_held.TryGetValue(thread, out var held)) _held[thread] = held = new Stack<MmuNotifierSubscription>();
        return held;
    }

    public GetPutUser(ModelWorld world, SubscriptionSpec spec) : base(world, spec)
    {
        _ops = world.Audit.WrapHlist(new MmuNotifierOps
        {
            Name = world.Rt.Intern($"{Name}.ops"),
            Release = (_, _) => ValueTask.CompletedTask,
            InvalidateRangeStart = (_, _) => ValueTask.FromResult(0),
            InvalidateRangeEnd = (_, _) => ValueTask.CompletedTask,
            AllocNotifier = AllocNotifier,
            FreeNotifier = FreeNotifier,
        }, AuditOf, null);
    }

    public IEnumerable<SubscriptionAudit> Audits => _allocated.Select(a => a.Audit);

    /// <summary>Notifiers registered and not yet freed: each pins the mm until its free callback.</summary>
    public IEnumerable<MmuNotifierSubscription> LiveSubscriptions =>
        _allocated.Where(a => !a.Audit.Gone && a.Sub.Mm is not null).Select(a => a.Sub);

    public override IEnumerable<SubscriptionAudit> HlistAudits => Audits;

    public override int MmPins => LiveSubscriptions.Count();

    public override IEnumerable<Engine.Abstractions.ILifetime?> OwnedAllocations => LiveSubscriptions.Select(s => s.Lifetime);

    private SubscriptionAudit AuditOf(MmuNotifierSubscription sub) => _allocated.First(a => ReferenceEquals(a.Sub, sub)).Audit;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Setup()
    {
        if (Spec.AtSetup) await Subscribe(new OpSpec(OpKind.Get, Name));
    }

    /// <summary>alloc_notifier: the kernel's first get of this ops allocates the subscription here.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected virtual async ValueTask<ErrPtr<MmuNotifierSubscription>> AllocNotifier(MmStruct mm)
    {
        var memory = await W.Kernel.Slab.Kzalloc($"{Name}.notifier");
        return memory is null ? ErrPtr<MmuNotifierSubscription>.Err(-Errno.ENOMEM) : Adopt(memory);
    }

    /// <summary>Makes the subscription that lives in <paramref name="memory"/> and audits it.</summary>
    protected MmuNotifierSubscription Adopt(Engine.Abstractions.ILifetime memory)
    {
        var sub = new MmuNotifierSubscription(W.Rt, $"{Name}#{_allocated.Count}", null, memory);
        _allocated.Add((sub, new SubscriptionAudit(sub.Name)));
        return sub;
    }

    /// <summary>Runs from the SRCU callback: must not sleep, so it only frees.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FreeNotifier(MmuNotifierSubscription sub)
    {
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name}: free_notifier({sub.Name})");
        await W.Kernel.Slab.Kfree(sub.Lifetime);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> Subscribe(OpSpec op)
    {
        var got = await Get(_ops);
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name}: mmu_notifier_get = {got}");
        if (got.IsErr) return got.Error;
        W.Events.NotifierGot(_ops, got.Value!);
        HeldByCurrentThread().Push(got.Value!);
        return 0;
    }

    /// <summary>mmu_notifier_get; a test subclass may look the notifier up some other way.</summary>
    protected virtual ValueTask<ErrPtr<MmuNotifierSubscription>> Get(MmuNotifierOps ops) => W.Kernel.Header.MmuNotifierGet(ops, W.Mm);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Unsubscribe(OpSpec op)
    {
        if (op.Kind == OpKind.Synchronize)
        {
            await W.Kernel.Notifier.MmuNotifierSynchronize();
            return;
        }

        var held = HeldByCurrentThread();
        if (held.Count == 0) return;
        var sub = held.Pop();
        await W.Kernel.Notifier.MmuNotifierPut(sub);
        if (Defects.Has(DriverDefects.GetPutPutsTwice))
        {
            // Driver defect get-put-puts-twice: an error path drops the reference the normal
            // path has already dropped, through the pointer it still holds.
            await W.Kernel.Notifier.MmuNotifierPut(sub);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Cleanup()
    {
        // After every scenario thread was joined: all their references are main's to drop.
        foreach (var held in _held.Values)
            while (held.Count > 0) await W.Kernel.Notifier.MmuNotifierPut(held.Pop());
    }
}
