// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Kernel.Tests;

/// <summary>Every kernel function the port promises has exactly one tagged C# method.</summary>
public sealed class KernelFunctionMapTests
{
    private static readonly string[] MmuNotifierC =
    [
        "mn_itree_is_invalidating", "mn_itree_inv_start_range", "mn_itree_inv_next", "mn_itree_inv_end",
        "mmu_interval_read_begin", "mn_itree_release", "mn_hlist_release", "__mmu_notifier_release",
        "__mmu_notifier_clear_flush_young", "__mmu_notifier_clear_young", "__mmu_notifier_test_young",
        "__mmu_notifier_change_pte", "mn_itree_invalidate", "mn_hlist_invalidate_range_start",
        "__mmu_notifier_invalidate_range_start", "mn_hlist_invalidate_end", "__mmu_notifier_invalidate_range_end",
        "__mmu_notifier_arch_invalidate_secondary_tlbs", "__mmu_notifier_register", "mmu_notifier_register",
        "find_get_mmu_notifier", "mmu_notifier_get_locked", "__mmu_notifier_subscriptions_destroy",
        "mmu_notifier_unregister", "mmu_notifier_free_rcu", "mmu_notifier_put", "__mmu_interval_notifier_insert",
        "mmu_interval_notifier_insert", "mmu_interval_notifier_insert_locked", "mmu_interval_seq_released",
        "mmu_interval_notifier_remove", "mmu_notifier_synchronize",
    ];

    private static readonly string[] MmuNotifierH =
    [
        "mmu_interval_set_seq", "mmu_interval_read_retry", "mmu_interval_check_retry",
        "mmu_notifier_invalidate_range_start", "mmu_notifier_invalidate_range_start_nonblock",
        "mmu_notifier_invalidate_range_end", "mmu_notifier_range_blockable", "mm_has_notifiers",
    ];

    private static List<(string Name, MethodInfo Method)> Tagged(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static |
                        BindingFlags.DeclaredOnly)
            .Select(m => (Attr: m.GetCustomAttribute<KernelFunctionAttribute>(), Method: m))
            .Where(x => x.Attr is not null)
            .Select(x => (x.Attr!.Name, x.Method))
            .ToList();

    [Fact]
    public void Every_function_of_mmu_notifier_c_is_ported()
    {
        var tagged = Tagged(typeof(MmuNotifierC));
        var missing = MmuNotifierC.Except(tagged.Select(t => t.Name)).ToList();
        Assert.True(missing.Count == 0, $"no [KernelFunction] method for: {string.Join(", ", missing)}");
        Assert.Equal(tagged.Count, tagged.Select(t => t.Name).Distinct().Count());
        Assert.All(tagged, t => Assert.Equal("mm/mmu_notifier.c", t.Method.GetCustomAttribute<KernelFunctionAttribute>()!.File));
    }

    [Fact]
    public void Every_function_of_mmu_notifier_c_is_in_the_one_file_named_after_it()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot().FullName,
            "src", "MmuNotifier.Verification.Kernel", "Notifier", "MmuNotifierC.cs"));
        var elsewhere = MmuNotifierC.Where(n => !source.Contains($"[KernelFunction(\"{n}\"", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, $"not in Notifier/MmuNotifierC.cs: {string.Join(", ", elsewhere)}");
    }

    [Fact]
    public void Every_promised_header_inline_is_ported()
    {
        var tagged = Tagged(typeof(MmuNotifierH)).Select(t => t.Name).ToList();
        var missing = MmuNotifierH.Except(tagged).ToList();
        Assert.True(missing.Count == 0, $"no [KernelFunction] method for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Port_methods_are_named_after_the_kernel_function()
    {
        foreach (var (name, method) in Tagged(typeof(MmuNotifierC)).Concat(Tagged(typeof(MmuNotifierH))))
        {
            var pascal = (name.StartsWith("__", StringComparison.Ordinal) ? "__" : "") +
                         string.Concat(name.TrimStart('_').Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            Assert.Equal(pascal, method.Name);
        }
    }

    [Fact]
    public void Kernel_map_document_lists_every_tagged_function()
    {
        var map = File.ReadAllText(Path.Combine(RepositoryRoot().FullName, "docs", "kernel-map.md"));
        var all = typeof(KernelInstance).Assembly.GetTypes().SelectMany(Tagged).Select(t => t.Name);
        var undocumented = all.Where(n => !map.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"docs/kernel-map.md lacks: {string.Join(", ", undocumented)}");
    }

    private static DirectoryInfo RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "kernel-map.md"))) dir = dir.Parent;
        return dir ?? throw new InvalidOperationException("repository root (docs/kernel-map.md) not found above the test binaries");
    }
}
