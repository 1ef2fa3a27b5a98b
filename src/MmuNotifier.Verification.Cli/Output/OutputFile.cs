// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Output;

/// <summary>
/// Checks an output file option (such as --html FILE) before any work, so a result is never lost
/// to a path that could not be written: not empty, not a directory, in a directory that exists or
/// can be created and accepts files, not a device, FIFO or socket. Nothing is created here.
/// </summary>
internal static class OutputFile
{
    /// <returns><paramref name="path"/>, usable.</returns>
    /// <exception cref="UsageException">One line naming the option, the path and what was expected.</exception>
    public static string Require(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option}: expected a file path, found an empty string");
        OutputDirectory.RequireNotAnOption(option, path, "file");
        if (Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
            throw new UsageException($"{option} {path}: expected a file path, but it names a directory");
        // The file is renamed into place, which would replace a device such as /dev/null.
        if (Engine.IO.SpecialFile.Describe(path) is { } special)
            throw new UsageException($"{option} {path}: expected a regular file path, but it names {special}");
        string directory;
        try
        {
            var full = Path.GetFullPath(path);
            OutputDirectory.RequireShortNames(option, path, full);
            directory = Path.GetDirectoryName(full)!;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} {path}: expected a file path: {e.Message}");
        }

        OutputDirectory.Require(option, directory);
        OutputClaims.Claim(option, path);
        return path;
    }
}
