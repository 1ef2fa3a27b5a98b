// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Tests;

/// <summary>
/// mm/mmu_notifier.c has no data_race(); so the port marks no access as an intended race
/// (Plain&lt;T&gt;.DataRace()). A race KCSAN finds in the port is reported, never silenced.
/// </summary>
public sealed class PortDataRaceTests
{
    [Fact]
    public void The_port_uses_no_data_race_annotation()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "MmuNotifier.Verification.Kernel"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var sources = Directory.GetFiles(Path.Combine(dir.FullName, "src", "MmuNotifier.Verification.Kernel"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sources);
        Assert.DoesNotContain(sources, f => File.ReadAllText(f).Contains(".DataRace(", StringComparison.Ordinal));
    }
}
