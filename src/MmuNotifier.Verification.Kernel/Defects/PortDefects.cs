// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Defects;

/// <summary>
/// The names of the defects that live in the port itself, as KernelConfig, scenario files and
/// traces spell them. The port knows nothing else about them: <see cref="PortVariant"/> turns the
/// switched-on names into one bool per defect, and the Models' defect registry says where each
/// lives, what it comes from and what exploration should report.
/// </summary>
public static class PortDefects
{
    // Historical: seed 003 (v1 of the interval notifier) and seed 001 (the 2023 RFC); a review variant.
    public const string V1ReleaseWarnInverted = "v1-release-warn-inverted";
    public const string V1DoubleItreeRelease = "v1-double-itree-release";
    public const string RfcRegisterNullOps = "rfc-register-null-ops";
    public const string ReviewBlockableBackoff = "review-blockable-backoff";
    public const string V1SeqWriteOutsideUserLock = "v1-seq-write-outside-user-lock";

    // Synthetic.
    public const string NoOddSeqOnStart = "no-odd-seq-on-start";
    public const string InvEndNoWakeup = "inv-end-no-wakeup";
    public const string InvEndDeferredEarly = "inv-end-deferred-early";
    public const string InsertExcludedNoOdd = "insert-excluded-no-odd";
    public const string InsertIdleEvenSeq = "insert-idle-even-seq";
    public const string ReadBeginUnlocked = "read-begin-unlocked";
    public const string RemoveNoDefer = "remove-no-defer";
    public const string RemoveNoWait = "remove-no-wait";
    public const string NonblockFailNoInvEnd = "nonblock-fail-no-inv-end";
    public const string UnregisterNoSynchronize = "unregister-no-synchronize";
    public const string PutFreesImmediately = "put-frees-immediately";
    public const string HlistStartFailNoEnd = "hlist-start-fail-no-end";
    public const string InitialSeqOdd = "initial-seq-odd";
}
