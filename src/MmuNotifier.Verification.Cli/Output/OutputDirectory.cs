// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// Checks an output directory option before any exploring, so a finding is never lost to a path
/// that could not have been written: it must not be empty, must be (or be creatable inside) a
/// directory, and that directory must accept a file. Nothing is created here.
/// </summary>
internal static class OutputDirectory
{
    /// <returns><paramref name="path"/>, usable.</returns>
    /// <exception cref="UsageException">One line naming the option, the path and what was expected.</exception>
    public static string Require(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option}: expected a directory path, found an empty string");
        RequireNotAnOption(option, path, "directory");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} {path}: expected a directory path: {e.Message}");
        }

        RequireShortNames(option, path, full);
        var existing = full;
        while (!Directory.Exists(existing))
        {
            // File.Exists is true for anything that is not a directory: a file, a device, a pipe;
            // `--out /dev/null` was told /dev/null "is a file", so the message says which.
            if (File.Exists(existing))
                throw new UsageException($"{option} {path}: expected a directory, but {existing} is {NotADirectory(existing)}");
            existing = Path.GetDirectoryName(existing) ?? throw new UsageException($"{option} {path}: expected a directory path");
        }

        ProbeWritable(option, path, existing);
        return path;
    }

    private static string NotADirectory(string path) =>
        Engine.IO.SpecialFile.Describe(path, followLinks: true) is { } special ? $"{special}, not a directory" : "a file";

    /// <summary>
    /// `--html --verbose` takes "--verbose" as the file and writes ./--verbose: a value that looks
    /// like an option is a forgotten one, so it is refused (./-x still names such a file).
    /// </summary>
    public static void RequireNotAnOption(string option, string path, string what)
    {
        if (path.StartsWith('-'))
            throw new UsageException($"{option}: expected a {what} path, found '{path}', which looks like an option (write ./{path} to mean that name)");
    }

    /// <summary>The longest file or directory name common file systems take (NAME_MAX), in UTF-8 bytes.</summary>
    private const int MaxNameBytes = 255;

    /// <summary>
    /// A name too long for the file system is refused here, not when the first trace is written:
    /// the probe below only tries the directory that exists already.
    /// </summary>
    public static void RequireShortNames(string option, string path, string full)
    {
        var tooLong = full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .FirstOrDefault(name => System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes);
        if (tooLong is not null)
            throw new UsageException($"{option} {path}: expected names of at most {MaxNameBytes} bytes, but one has {System.Text.Encoding.UTF8.GetByteCount(tooLong)} ('{tooLong[..16]}...')");
    }

    private static void ProbeWritable(string option, string path, string directory)
    {
        var probe = Path.Combine(directory, $".mmu-verify-probe-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: expected a writable directory, but {directory} refuses new files ({e.Message})");
        }
    }
}
