// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;
using MmuNotifier.Verification.Kernel.Defects;

namespace MmuNotifier.Verification.Kernel.Tests;

/// <summary>The typed variant has one field per port defect name, and each name sets exactly its field.</summary>
public sealed class PortVariantTests
{
    private static readonly FieldInfo[] Fields = typeof(PortVariant).GetFields(BindingFlags.Public | BindingFlags.Instance);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in PortDefectNames()) data.Add(name);
        return data;
    }

    private static IEnumerable<string> PortDefectNames() =>
        typeof(PortDefects).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>"no-odd-seq-on-start" → "NoOddSeqOnStart": how a defect name names its field.</summary>
    internal static string FieldName(string defect) =>
        string.Concat(defect.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_name_switches_on_exactly_its_own_field(string defect)
    {
        var variant = new PortVariant(KernelConfig.Faithful.WithDefect(defect).Defects);
        var on = Fields.Where(f => (bool)f.GetValue(variant)!).Select(f => f.Name);
        Assert.Equal([FieldName(defect)], on);
    }

    [Fact]
    public void Every_field_is_a_port_defect_and_the_faithful_variant_has_none_on()
    {
        Assert.Equal(PortDefectNames().Select(FieldName).Order(), Fields.Select(f => f.Name).Order());
        Assert.All(Fields, f => Assert.Equal(typeof(bool), f.FieldType));
        Assert.All(Fields, f => Assert.False((bool)f.GetValue(PortVariant.Faithful)!));
        Assert.All(Fields, f => Assert.False((bool)f.GetValue(new PortVariant(KernelConfig.Faithful.Defects))!));
    }

    [Fact]
    public void Driver_defect_names_leave_the_port_faithful()
    {
        var variant = new PortVariant(new HashSet<string> { "mirror-skips-read-retry" });
        Assert.All(Fields, f => Assert.False((bool)f.GetValue(variant)!));
    }
}
