// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel.Mm;

/// <summary>
/// include/linux/mmap_lock.h and the all-locks pair of mm/mmap.c. See
/// <see cref="MmStruct.RmapLocks"/> for how mm_take_all_locks is abstracted.
/// </summary>
public sealed class MmapLockOps(IRuntime rt, KernelConfig config)
{
    // mm_all_locks_mutex: one mm_take_all_locks at a time, machine-wide.
    private readonly IMutex _mmAllLocksMutex = rt.NewMutex("mm_all_locks_mutex");

    [KernelFunction("mmap_write_lock", File = "include/linux/mmap_lock.h")]
    public static ValueTask MmapWriteLock(MmStruct mm) => mm.MmapLock.DownWrite();

    [KernelFunction("mmap_write_unlock", File = "include/linux/mmap_lock.h")]
    public static ValueTask MmapWriteUnlock(MmStruct mm) => mm.MmapLock.UpWrite();

    [KernelFunction("mmap_read_lock", File = "include/linux/mmap_lock.h")]
    public static ValueTask MmapReadLock(MmStruct mm) => mm.MmapLock.DownRead();

    [KernelFunction("mmap_read_unlock", File = "include/linux/mmap_lock.h")]
    public static ValueTask MmapReadUnlock(MmStruct mm) => mm.MmapLock.UpRead();

    [KernelFunction("mmap_assert_write_locked", File = "include/linux/mmap_lock.h")]
    public static void MmapAssertWriteLocked(MmStruct mm) => mm.MmapLock.AssertWriteHeld();

    /// <summary>
    /// mm_take_all_locks: with mmap_lock held for write, takes every rmap lock of the mm; returns
    /// -EINTR (holding nothing more) when a signal arrives part way, which
    /// <see cref="KernelConfig.TakeAllLocksMayFail"/> lets the explorer choose.
    /// </summary>
    [KernelFunction("mm_take_all_locks", File = "mm/mmap.c")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmTakeAllLocks(MmStruct mm)
    {
        MmapAssertWriteLocked(mm);
        await _mmAllLocksMutex.Lock();
        await mm.RmapLocks.DownWrite();
        if (config.TakeAllLocksMayFail && await rt.ChooseBool("signal_pending in mm_take_all_locks"))
        {
            await MmDropAllLocks(mm);
            return -Errno.EINTR;
        }

        return 0;
    }

    [KernelFunction("mm_drop_all_locks", File = "mm/mmap.c")]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmDropAllLocks(MmStruct mm)
    {
        MmapAssertWriteLocked(mm);
        _mmAllLocksMutex.AssertHeld();
        await mm.RmapLocks.UpWrite();
        await _mmAllLocksMutex.Unlock();
    }
}
