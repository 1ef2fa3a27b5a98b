// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Tests.Checking;

/// <summary>A lock class is its creation site: file and line, whatever string object carries the file.</summary>
public sealed class LockClassesTests
{
    [Fact]
    public void One_site_is_one_class_and_other_sites_are_other_classes()
    {
        var classes = new LockClasses();
        const string file = "/src/mm/mmap.cs";
        var first = classes.For(file, 10, "mm.mmap_lock");

        Assert.Same(first, classes.For(new string(file.AsSpan()), 10, "mm2.mmap_lock"));
        Assert.Equal("mm.mmap_lock", first.Name);
        Assert.Equal("mmap.cs:10", first.Key);
        Assert.NotSame(first, classes.For(file, 11, "mm.ptl"));
        Assert.NotSame(first, classes.For("/src/kvm/kvm.cs", 10, "kvm.mmu_lock"));
        Assert.Equal(3, classes.Count);
    }
}
