// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The file-format spellings of user models, operations and errnos (docs/scenario-format.md),
/// for writing scenarios back out. The round-trip tests keep them in step with ScenarioParser.
/// </summary>
public static class ScenarioNames
{
    public static string Of(UserKind user) => user switch
    {
        UserKind.HmmMirror => "hmm-mirror",
        UserKind.Kvm => "kvm",
        UserKind.SecondaryTlb => "secondary-tlb",
        UserKind.StartOnly => "start-only",
        _ => "get-put",
    };

    public static string Of(OpKind op) => op switch
    {
        OpKind.OomReap => "oom-reap",
        OpKind.KsmMerge => "ksm-merge",
        _ => op.ToString().ToLowerInvariant(),
    };

    public static string Errno(int value) => value == 0 ? "0" : Kernel.Errno.Name(value);

    /// <summary>Operations of the core MM: they take no subscription.</summary>
    public static bool IsCore(OpKind op) => op is OpKind.Unmap or OpKind.Zap or OpKind.Migrate or OpKind.Protect
        or OpKind.OomReap or OpKind.Age or OpKind.KsmMerge;

    /// <summary>Operations that subscribe: insert, register, get.</summary>
    public static bool IsSubscribe(OpKind op) => op is OpKind.Insert or OpKind.Register or OpKind.Get;
}
