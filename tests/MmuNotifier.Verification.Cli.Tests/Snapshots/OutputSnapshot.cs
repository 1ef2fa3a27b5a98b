// SPDX-License-Identifier: GPL-2.0-only
using Snapshooter;
using Snapshooter.Xunit;

namespace MmuNotifier.Verification.Cli.Tests.Snapshots;

/// <summary>
/// Snapshot checks of what users read, through Snapshooter: the text is stored in
/// __snapshots__/&lt;Class&gt;.&lt;Test&gt;.snap next to the test. Snapshots change only on purpose:
/// a missing one fails (strict mode) instead of being written silently, and
/// MMU_UPDATE_SNAPSHOTS=1 rewrites them (README, Testing). Call from the test method itself, which
/// must be synchronous: Snapshooter names the file after the [Fact] found on the call stack.
/// </summary>
internal static class OutputSnapshot
{
    public const string UpdateVariable = "MMU_UPDATE_SNAPSHOTS";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Matches <paramref name="text"/>, with the checkout's path and line endings made machine-independent.</summary>
    public static void Match(string text)
    {
        var name = Snapshot.FullName();
        if (Updating)
        {
            foreach (var file in SnapshotFiles(name).Where(File.Exists)) File.Delete(file);
            Environment.SetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE", null);
        }
        else
        {
            Environment.SetEnvironmentVariable("SNAPSHOOTER_STRICT_MODE", "true");
        }

        Snapshot.Match(Portable(text), name);
    }

    /// <summary>Where Snapshooter keeps the snapshot: __snapshots__/ next to the test, with or without the .snap the name may lack.</summary>
    private static IEnumerable<string> SnapshotFiles(SnapshotFullName name)
    {
        var file = name.Filename.EndsWith(".snap", StringComparison.Ordinal) ? name.Filename : name.Filename + ".snap";
        yield return Path.Combine(name.FolderPath, file);
        yield return Path.Combine(name.FolderPath, "__snapshots__", file);
    }

    /// <summary>No absolute paths of this machine, '\n' line ends, no trailing blanks.</summary>
    public static string Portable(string text)
    {
        var root = RepositoryFiles.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var lines = text.Replace("\r\n", "\n").Replace(root, "").Split('\n').Select(l => l.TrimEnd());
        return string.Join("\n", lines).Trim('\n') + "\n";
    }
}
