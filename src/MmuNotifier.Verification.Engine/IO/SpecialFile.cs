// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.InteropServices;

namespace MmuNotifier.Verification.Engine.IO;

/// <summary>
/// Whether a path names a device, a FIFO or a socket. An output file is written by renaming a
/// temporary file over its name, which replaces whatever entry is there: `--html /dev/null`, run
/// as root, turned /dev/null into a regular file. .NET reports such entries as ordinary files,
/// so the type comes from statx(2), whose layout is the same on every Linux architecture. The
/// entry itself is judged (a symbolic link is replaced, never followed); elsewhere nothing is
/// known to be special.
/// </summary>
public static class SpecialFile
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;

    /// <summary>What <paramref name="path"/> names when it is a device, FIFO or socket ("a character device"); null otherwise.</summary>
    /// <param name="followLinks">
    /// Judge what a symbolic link points at: for a path used as a directory, where nothing is
    /// renamed over the entry and what matters is what it resolves to.
    /// </param>
    public static string? Describe(string path, bool followLinks = false)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a FIFO",
            0xC000 => "a socket",
            _ => null,
        };
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
