// SPDX-License-Identifier: GPL-2.0-only
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Tests.Notifier.NotifierCommandKind;

namespace MmuNotifier.Verification.Kernel.Tests.Notifier;

/// <summary>
/// Model-based test of the notifier API on one thread: FsCheck generates command sequences
/// (insert, remove, read_begin/read_retry, invalidate start/end, register/unregister, get/put),
/// runs each on the port and on <see cref="NotifierModel"/>, and after every command compares
/// return codes, sequence values and parity, callback counts and reference counts. A failing
/// sequence is shrunk by dropping commands (illegal ones are skipped, so every sublist runs).
/// </summary>
public sealed class NotifierModelTests
{
    private static readonly Gen<NotifierCommand> Command =
        from kind in Gen.Frequency(
            (3, Gen.Constant(Insert)), (1, Gen.Constant(InsertEmpty)), (2, Gen.Constant(Remove)), (3, Gen.Constant(ReadBegin)),
            (3, Gen.Constant(ReadRetry)), (4, Gen.Constant(Start)), (4, Gen.Constant(End)), (2, Gen.Constant(Register)),
            (2, Gen.Constant(Unregister)), (2, Gen.Constant(Get)), (2, Gen.Constant(Put)))
        from target in Gen.Choose(0, kind == Start ? 2 : 1)
        select new NotifierCommand(kind, target);

    private static readonly Arbitrary<NotifierCommand[]> Sequences = Arb.From(
        Gen.ArrayOf(Command),
        commands => Enumerable.Range(0, commands.Length).Select(i => commands.Where((_, j) => j != i).ToArray()));

    [Fact]
    public void Port_agrees_with_the_model_on_random_command_sequences()
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(300)
            .WithEndSize(60)
            .WithReplay(new Replay(new Rnd(0x6d6d_755fUL, 0x9e37_79b9_7f4a_7c15UL), null));
        Check.One(config, Prop.ForAll(Sequences, commands =>
        {
            var mismatches = Run(commands);
            return mismatches.Count == 0 ? true : throw new InvalidOperationException(string.Join("\n", mismatches));
        }));
    }

    [Theory]
    [InlineData(PortDefects.InsertExcludedNoOdd)]
    [InlineData(PortDefects.InsertIdleEvenSeq)]
    [InlineData(PortDefects.NoOddSeqOnStart)]
    [InlineData(PortDefects.InvEndDeferredEarly)]
    public void The_comparison_catches_a_sequential_port_defect(string defect)
    {
        // The same property on a broken port must fail: the checks are not vacuous.
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(300)
            .WithEndSize(60)
            .WithReplay(new Replay(new Rnd(0x6d6d_755fUL, 0x9e37_79b9_7f4a_7c15UL), null));
        var broken = KernelConfig.Faithful.WithDefect(defect);
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(config, Prop.ForAll(Sequences, commands => Run(commands, broken).Count == 0)));
        Assert.Contains("Falsifiable", failure.Message);
    }

    /// <summary>Runs the commands on the port (one schedule, one thread) and the model; every disagreement, in order.</summary>
    private static List<string> Run(NotifierCommand[] commands, KernelConfig? config = null)
    {
        var mismatches = new List<string>();
        var report = PortHarness.Explore("notifier-model", async rt =>
        {
            var k = new KernelInstance(rt, config);
            var mm = k.MmAlloc("mm");
            var model = new NotifierModel();
            var mirrors = new[] { new PortHarness.Mirror(rt, "m0"), new PortHarness.Mirror(rt, "m1") };
            var empty = new PortHarness.Mirror(rt, "empty");
            var hlist = new[] { new CountingHlist(rt, "h0"), new CountingHlist(rt, "h1") };
            var getPut = new GetPutDriver(rt);
            MmuNotifierSubscription? held = null;
            var open = new List<MmuNotifierRange>();

            for (var step = 0; step < commands.Length; step++)
            {
                var (kind, t) = (commands[step].Kind, commands[step].Target);
                void Expect<T>(string what, T expected, T actual)
                {
                    if (!EqualityComparer<T>.Default.Equals(expected, actual))
                        mismatches.Add($"after {string.Join(" ", commands.Take(step + 1))}: {what} is {actual}, model says {expected}");
                }

                switch (kind)
                {
                    case Insert when model.CanInsert(t):
                        var (start, end) = NotifierModel.Mirrors[t];
                        Expect("insert", model.Insert(t), await k.Notifier.MmuIntervalNotifierInsert(mirrors[t].Sub, mm, start, end - start, mirrors[t].Ops));
                        break;
                    case InsertEmpty when model.CanInsertAny:
                        Expect("insert of an empty range", model.InsertEmpty(), await k.Notifier.MmuIntervalNotifierInsert(empty.Sub, mm, 0x1000, 0, empty.Ops));
                        break;
                    case Remove when model.CanRemove(t):
                        model.Remove(t);
                        await k.Notifier.MmuIntervalNotifierRemove(mirrors[t].Sub);
                        break;
                    case ReadBegin when model.CanReadBegin(t):
                        Expect($"read_begin(m{t})", model.ReadBegin(t), await k.Notifier.MmuIntervalReadBegin(mirrors[t].Sub));
                        break;
                    case ReadRetry when model.CanReadRetry(t):
                        Expect($"read_retry(m{t})", model.ReadRetry(t), await MmuNotifierH.MmuIntervalReadRetry(mirrors[t].Sub, model.Mirror[t].LastRead!.Value));
                        break;
                    case Start when model.CanStart:
                        model.Start(t);
                        var range = MmuNotifierH.MmuNotifierRangeInit(MmuNotifierEvent.MMU_NOTIFY_UNMAP, 0, mm, NotifierModel.Ranges[t].Start, NotifierModel.Ranges[t].End);
                        open.Add(range);
                        await k.Header.MmuNotifierInvalidateRangeStart(range);
                        break;
                    case End when model.CanEnd:
                        model.End();
                        await k.Header.MmuNotifierInvalidateRangeEnd(open[^1]);
                        open.RemoveAt(open.Count - 1);
                        break;
                    case Register when model.CanRegister(t):
                        Expect($"register(h{t})", model.Register(t), await k.Notifier.MmuNotifierRegister(hlist[t].Sub, mm));
                        break;
                    case Unregister when model.CanUnregister(t):
                        model.Unregister(t);
                        await k.Notifier.MmuNotifierUnregister(hlist[t].Sub, mm);
                        break;
                    case Get when model.CanGet:
                        var fresh = model.Get();
                        var got = await k.Header.MmuNotifierGet(getPut.Ops, mm);
                        Expect("get succeeds", false, got.IsErr);
                        if (!fresh) Expect("get returns the shared subscription", true, ReferenceEquals(held, got.Value));
                        held = got.Value;
                        break;
                    case Put when model.CanPut:
                        model.Put();
                        await k.Notifier.MmuNotifierPut(held!);
                        // The free runs from an SRCU callback; wait for it so the counts can be compared.
                        await k.Notifier.Srcu.Barrier();
                        break;
                    default:
                        continue; // illegal in the model's current state: skipped on both sides
                }

                var subscriptions = mm.NotifierSubscriptions.Peek();
                Expect("subscriptions allocated", model.Allocated, subscriptions is not null);
                if (subscriptions is not null)
                {
                    Expect("invalidate_seq", model.Seq, subscriptions.InvalidateSeq.Peek());
                    Expect("active_invalidate_ranges", model.Active, subscriptions.ActiveInvalidateRanges.Peek());
                    Expect("invalidate_seq odd only while an invalidation is active", true,
                        subscriptions.InvalidateSeq.Peek() % 2 == 0 || subscriptions.ActiveInvalidateRanges.Peek() > 0);
                }

                for (var i = 0; i < mirrors.Length; i++)
                {
                    Expect($"m{i} invalidations", model.Mirror[i].Invalidations, mirrors[i].Invalidations);
                    Expect($"m{i} in the tree", model.Mirror[i].InTree, mirrors[i].Sub.IntervalTree.InTree);
                    if (model.Mirror[i].Inserted)
                    {
                        Expect($"m{i} invalidate_seq", model.Mirror[i].Seq, mirrors[i].Sub.InvalidateSeq.Peek());
                        Expect($"m{i} invalidate_seq is odd", 1UL, mirrors[i].Sub.InvalidateSeq.Peek() % 2);
                    }
                }

                for (var h = 0; h < hlist.Length; h++)
                {
                    Expect($"h{h} starts", model.Hlist[h].Starts, hlist[h].Starts);
                    Expect($"h{h} ends", model.Hlist[h].Ends, hlist[h].Ends);
                    Expect($"h{h} releases", model.Hlist[h].Releases, hlist[h].Releases);
                }

                Expect("get/put users", model.GetPutUsers, held?.Users.Peek() ?? 0U);
                Expect("get/put frees", model.GetPutFrees, getPut.Frees);
                Expect("mm_count", model.MmCount, mm.MmCount.Peek());
                Expect("mm_users", 1, mm.MmUsers.Peek());
            }
        });
        if (report.FoundBug) mismatches.Add($"the run reported {report.Bugs[0].Bug}");
        return mismatches;
    }

    /// <summary>An hlist subscriber that counts its callbacks.</summary>
    private sealed class CountingHlist
    {
        public CountingHlist(IRuntime rt, string name) =>
            Sub = new MmuNotifierSubscription(rt, name, new MmuNotifierOps
            {
                Name = $"{name}.ops",
                Release = (_, _) => { Releases++; return ValueTask.CompletedTask; },
                InvalidateRangeStart = (_, _) => { Starts++; return ValueTask.FromResult(0); },
                InvalidateRangeEnd = (_, _) => { Ends++; return ValueTask.CompletedTask; },
            });

        public MmuNotifierSubscription Sub { get; }

        public int Starts { get; private set; }

        public int Ends { get; private set; }

        public int Releases { get; private set; }
    }

    /// <summary>A get/put user: alloc_notifier makes a subscription, free_notifier counts the frees.</summary>
    private sealed class GetPutDriver
    {
        public GetPutDriver(IRuntime rt) =>
            Ops = new MmuNotifierOps
            {
                Name = "getput.ops",
                AllocNotifier = _ => ValueTask.FromResult<ErrPtr<MmuNotifierSubscription>>(new MmuNotifierSubscription(rt, "getput", null)),
                FreeNotifier = _ => { Frees++; return ValueTask.CompletedTask; },
            };

        public MmuNotifierOps Ops { get; }

        public int Frees { get; private set; }
    }
}
