// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
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
    // Either the run's runtime (the port's case: no closure made per structure per schedule) or a reporter of the caller's.
    private readonly IRuntime? _runtime;
    private readonly Action<string>? _reporter;

    private DataCorruption(IRuntime? runtime, Action<string>? reporter)
    {
        _runtime = runtime;
        _reporter = reporter;
    }

    /// <summary>Corruption is a BUG of the run (BugKind.BugOn).</summary>
    public static DataCorruption ForRuntime(IRuntime rt) => new(rt, null);

    /// <summary>Corruption goes to <paramref name="report"/> (tests of a structure on its own).</summary>
    public static DataCorruption To(Action<string> report) => new(null, report);

    /// <summary>
    /// For a structure used with no runtime at all: there is nowhere to report to, so the report
    /// is an exception. The port never builds one of these.
    /// </summary>
    public static DataCorruption Unreported { get; } =
        new(null, message => throw new InvalidOperationException($"data corruption with no runtime to report it: {message}"));

    /// <summary>
    /// Reports <paramref name="message"/> when <paramref name="corrupt"/> holds and returns it, so
    /// the caller skips the operation, as <c>__list_add_valid</c> / <c>__list_del_entry_valid</c> make it do.
    /// </summary>
    public bool Check(bool corrupt, string message)
    {
        if (corrupt) Report(message);
        return corrupt;
    }

    /// <summary>
    /// As <see cref="Check(bool, string)"/> for an interpolated message, which is built only when
    /// <paramref name="corrupt"/> holds, as the kernel macro formats only then: the checks run on
    /// every list and tree operation, and a message built (or a lambda for it allocated) each time
    /// would cost every schedule.
    /// </summary>
    public bool Check(bool corrupt, [InterpolatedStringHandlerArgument(nameof(corrupt))] ref CorruptionMessage message)
    {
        if (corrupt) Report(message.ToStringAndClear());
        return corrupt;
    }

    private void Report(string message)
    {
        if (_runtime is not null) _runtime.BugOn(true, message);
        else _reporter!(message);
    }
}

/// <summary>The message of <see cref="DataCorruption.Check(bool, ref CorruptionMessage)"/>: formatted only when the structure is corrupt.</summary>
[InterpolatedStringHandler]
public ref struct CorruptionMessage
{
    private DefaultInterpolatedStringHandler _text;

    public CorruptionMessage(int literalLength, int formattedCount, bool corrupt, out bool shouldAppend)
    {
        _text = corrupt ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        shouldAppend = corrupt;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    internal string ToStringAndClear() => _text.ToStringAndClear();
}
