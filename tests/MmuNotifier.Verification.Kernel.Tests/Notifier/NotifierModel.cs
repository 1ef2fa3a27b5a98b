// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Tests.Notifier;

/// <summary>One command of a single-threaded notifier API sequence; <see cref="Target"/> picks the mirror, hlist user or range.</summary>
public sealed record NotifierCommand(NotifierCommandKind Kind, int Target)
{
    public override string ToString() => $"{Kind}({Target})";
}

public enum NotifierCommandKind { Insert, InsertEmpty, Remove, ReadBegin, ReadRetry, Start, End, Register, Unregister, Get, Put }

/// <summary>
/// The abstract model the port is checked against: what mm/mmu_notifier.c promises a caller on
/// one thread, kept as plain counters. Each method says whether the command is legal now
/// (a command that would sleep forever on one thread, or misuse the API, is skipped) and
/// updates the model the way the kernel's comments describe the protocol.
/// </summary>
public sealed class NotifierModel
{
    /// <summary>Mirror ranges [start, end): two overlapping intervals.</summary>
    public static readonly (ulong Start, ulong End)[] Mirrors = [(0x1000, 0x3000), (0x2000, 0x4000)];

    /// <summary>Invalidation ranges: one hits mirror 0, one both, one neither.</summary>
    public static readonly (ulong Start, ulong End)[] Ranges = [(0x1000, 0x2000), (0x2800, 0x5000), (0x8000, 0x9000)];

    public sealed class MirrorState
    {
        public bool Inserted;
        public bool InTree;
        public ulong Seq;
        public int Invalidations;
        public ulong? LastRead;
    }

    public sealed class HlistState
    {
        public bool Registered;
        public int Starts;
        public int Ends;
        public int Releases;
    }

    public MirrorState[] Mirror { get; } = [new(), new()];

    public HlistState[] Hlist { get; } = [new(), new()];

    public bool Allocated { get; private set; }

    public bool HasItree { get; private set; }

    public ulong Seq { get; private set; } = 2;

    public ulong Active { get; private set; }

    public int MmCount { get; private set; } = 1;

    public uint GetPutUsers { get; private set; }

    public int GetPutFrees { get; private set; }

    /// <summary>Open invalidations, innermost last, with whether the interval side counted it.</summary>
    public List<(int Range, bool Itree, bool[] HlistStarted)> Open { get; } = [];

    private bool Invalidating => Seq % 2 == 1;

    /// <summary>
    /// An insert that still has to register the interval tree takes mm_take_all_locks, which
    /// excludes running invalidations (their callers hold the locks it takes): on one thread with
    /// an invalidation open, only an insert into an existing tree is legal.
    /// </summary>
    public bool CanInsert(int i) => !Mirror[i].Inserted && CanInsertAny;

    public bool CanInsertAny => Open.Count == 0 || HasItree;

    /// <returns>0; the mirror joins the tree, or the deferred list while the tree is frozen.</returns>
    public int Insert(int i)
    {
        Allocated = HasItree = true;
        var m = Mirror[i];
        m.Inserted = true;
        MmCount++;
        if (Active > 0)
        {
            // While the tree is frozen (odd sequence) the insert waits on the deferred list; a
            // running invalidation that hit nothing has not frozen it, so the insert freezes it.
            m.InTree = !Invalidating;
            Seq |= 1;
            m.Seq = Seq;
        }
        else
        {
            m.InTree = true;
            m.Seq = Seq - 1;
        }

        return 0;
    }

    /// <returns>-EOVERFLOW; the mm still gets its subscriptions structure with an interval tree.</returns>
    public int InsertEmpty()
    {
        Allocated = HasItree = true;
        return -Errno.EOVERFLOW;
    }

    /// <summary>On one thread, a remove during a frozen tree would wait for itself forever.</summary>
    public bool CanRemove(int i) => Mirror[i].Inserted && !Invalidating;

    public void Remove(int i)
    {
        var m = Mirror[i];
        m.Inserted = m.InTree = false;
        m.LastRead = null;
        MmCount--;
    }

    /// <summary>read_begin sleeps while its mirror is being invalidated: on one thread, forever.</summary>
    public bool CanReadBegin(int i) => Mirror[i].Inserted && Mirror[i].Seq != Seq;

    public ulong ReadBegin(int i) => (Mirror[i].LastRead = Mirror[i].Seq).Value;

    public bool CanReadRetry(int i) => Mirror[i].Inserted && Mirror[i].LastRead is not null;

    public bool ReadRetry(int i) => Mirror[i].Seq != Mirror[i].LastRead;

    public bool CanStart => Open.Count < 2;

    public void Start(int r)
    {
        var itree = Allocated && HasItree;
        if (itree)
        {
            Active++;
            var (start, end) = Ranges[r];
            var hit = Enumerable.Range(0, Mirror.Length).Where(i => Mirror[i].InTree && Overlaps(Mirrors[i], start, end)).ToList();
            if (hit.Count > 0) Seq |= 1;
            foreach (var i in hit)
            {
                Mirror[i].Invalidations++;
                Mirror[i].Seq = Seq;
            }
        }

        var started = Hlist.Select(h => Allocated && h.Registered).ToArray();
        for (var h = 0; h < Hlist.Length; h++)
            if (started[h]) Hlist[h].Starts++;
        Open.Add((r, itree, started));
    }

    public bool CanEnd => Open.Count > 0;

    public void End()
    {
        var (_, itree, started) = Open[^1];
        Open.RemoveAt(Open.Count - 1);
        if (itree && --Active == 0 && Invalidating)
        {
            Seq++;
            // The deferred inserts join the tree now.
            foreach (var m in Mirror.Where(m => m.Inserted)) m.InTree = true;
        }

        for (var h = 0; h < Hlist.Length; h++)
            if (started[h]) Hlist[h].Ends++;
    }

    /// <summary>Registering while an invalidation is open would give the subscriber an end without its start.</summary>
    public bool CanRegister(int h) => !Hlist[h].Registered && Open.Count == 0;

    public int Register(int h)
    {
        Allocated = true;
        Hlist[h].Registered = true;
        MmCount++;
        return 0;
    }

    public bool CanUnregister(int h) => Hlist[h].Registered && Open.Count == 0;

    public void Unregister(int h)
    {
        Hlist[h].Registered = false;
        Hlist[h].Releases++;
        MmCount--;
    }

    public bool CanGet => Open.Count == 0;

    /// <returns>True when this get allocated a new subscription.</returns>
    public bool Get()
    {
        Allocated = true;
        if (GetPutUsers++ > 0) return false;
        MmCount++;
        return true;
    }

    public bool CanPut => GetPutUsers > 0 && Open.Count == 0;

    /// <summary>The last put frees the subscription after a grace period (the test waits for it).</summary>
    public void Put()
    {
        if (--GetPutUsers > 0) return;
        GetPutFrees++;
        MmCount--;
    }

    private static bool Overlaps((ulong Start, ulong End) a, ulong start, ulong end) => a.Start < end && start < a.End;
}
