// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Kernel;

/// <summary>
/// CHECK_DATA_CORRUPTION of include/linux/bug.h, as the kernel's list and tree helpers use it
/// under CONFIG_DEBUG_LIST: a helper that finds its structure corrupt (a double add, a delete of a
/// node that is on no list) reports it and refuses the operation. Under the checker's runtime the
/// report is a BUG (CONFIG_BUG_ON_DATA_CORRUPTION), so a driver that misuses a list ends its run
/// with a kernel-style finding rather than with a .NET exception or a silently bent structure.
/// </summary>
public sealed class DataCorruption
{
    private readonly Action<string> _report;

    private DataCorruption(Action<string> report) => _report = report;

    /// <summary>Corruption is a BUG of the run (BugKind.BugOn).</summary>
    public static DataCorruption ForRuntime(IRuntime rt) => new(message => rt.BugOn(true, message));

    /// <summary>Corruption goes to <paramref name="report"/> (tests of a structure on its own).</summary>
    public static DataCorruption To(Action<string> report) => new(report);

    /// <summary>
    /// For a structure used with no runtime at all: there is nowhere to report to, so the report
    /// is an exception. The port never builds one of these.
    /// </summary>
    public static DataCorruption Unreported { get; } =
        new(message => throw new InvalidOperationException($"data corruption with no runtime to report it: {message}"));

    /// <summary>
    /// Reports <paramref name="message"/> when <paramref name="corrupt"/> holds and returns it, so
    /// the caller skips the operation, as <c>__list_add_valid</c> / <c>__list_del_entry_valid</c> make it do.
    /// </summary>
    public bool Check(bool corrupt, string message)
    {
        if (corrupt) _report(message);
        return corrupt;
    }

    /// <summary>As <see cref="Check"/>, building the message only when it is needed.</summary>
    public bool Check(bool corrupt, Func<string> message)
    {
        if (corrupt) _report(message());
        return corrupt;
    }
}
