// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>A scratch directory removed when the test ends.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mmu-verify-cli-tests").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
