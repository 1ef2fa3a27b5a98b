// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MmuNotifier.Verification.Engine.Json;

/// <summary>
/// Opens an input file without blocking. A plain open(2) of a FIFO waits for a writer, so
/// `replay some.fifo` would hang before any check could refuse it; opened with O_NONBLOCK it
/// returns at once, and the caller refuses what cannot seek (a pipe, a terminal). On systems
/// without FIFOs the ordinary FileStream is used.
/// </summary>
internal static class InputFileStream
{
    private const int ReadOnly = 0;

    public static FileStream Open(string path)
    {
        if (NonBlockingFlags() is { } flags)
        {
            var fd = OpenFile(path, ReadOnly | flags);
            if (fd >= 0) return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 1);
        }

        // Elsewhere, or when open failed: FileStream raises the exception that says why (missing, denied).
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
    }

    /// <summary>O_NONBLOCK | O_CLOEXEC where the values are known.</summary>
    private static int? NonBlockingFlags() =>
        OperatingSystem.IsLinux() ? 0x800 | 0x80000
        : OperatingSystem.IsMacOS() ? 0x4 | 0x1000000
        : null;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenFile([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
