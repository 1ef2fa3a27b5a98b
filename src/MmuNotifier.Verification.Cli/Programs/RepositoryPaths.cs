// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Programs;

/// <summary>
/// Scenario paths as traces record them: relative to the checkout (the directory holding
/// models/), with '/' separators, so the same run gives the same bytes in any clone, and a trace
/// replays from any working directory inside the checkout. A file outside the checkout keeps its
/// full path.
/// </summary>
internal static class RepositoryPaths
{
    /// <summary>The checkout: the parent of the models directory in use; null when there is none.</summary>
    public static string? Root() =>
        ScenarioCatalog.FindModelsDirectory() is { } models ? Path.GetDirectoryName(Path.GetFullPath(models)) : null;

    public static string Portable(string path)
    {
        var full = Path.GetFullPath(path);
        if (Root() is not { } root) return full;
        var relative = Path.GetRelativePath(root, full);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? full
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>Where a recorded path is on this machine: as is when absolute, else under the checkout (or the working directory without one).</summary>
    public static string Resolve(string recorded) =>
        Path.IsPathRooted(recorded) || Root() is not { } root ? recorded : Path.Combine(root, recorded);
}
