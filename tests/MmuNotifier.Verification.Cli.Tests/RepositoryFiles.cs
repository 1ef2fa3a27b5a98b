// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>The checkout's committed files (models/, traces/), found from the test's output directory.</summary>
internal static class RepositoryFiles
{
    public static readonly string Root = FindRoot();

    public static string Model(string name) => Path.Combine(Root, "models", name + ".json");

    public static string Trace(string name) => Path.Combine(Root, "traces", name + ".json");

    public static string Text(string path) => File.ReadAllText(path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "models")) && Directory.Exists(Path.Combine(dir.FullName, "traces"))) return dir.FullName;
        throw new InvalidOperationException("no checkout with models/ and traces/ above the test directory");
    }
}
