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
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} {path}: expected a directory path: {e.Message}");
        }

        var existing = full;
        while (!Directory.Exists(existing))
        {
            // File.Exists is true for anything that is not a directory: a file, a device, a pipe.
            if (File.Exists(existing))
                throw new UsageException($"{option} {path}: expected a directory, but {existing} is a file");
            existing = Path.GetDirectoryName(existing) ?? throw new UsageException($"{option} {path}: expected a directory path");
        }

        ProbeWritable(option, path, existing);
        return path;
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
