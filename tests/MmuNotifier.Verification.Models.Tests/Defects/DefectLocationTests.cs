// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;
using System.Text.RegularExpressions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>
/// The registry's locations are true: a port defect names a [KernelFunction] of the port whose
/// body in Notifier/MmuNotifierC.cs tests the defect's PortVariant field (<c>V.Field</c>); a
/// driver misuse names a driver method whose body in Models/Drivers/ tests <c>DriverDefects.Field</c>.
/// </summary>
public sealed class DefectLocationTests
{
    private static readonly Lazy<string> Root = new(() =>
        Path.GetDirectoryName(ScenarioCatalog.FindModelsDirectory(AppContext.BaseDirectory)
                              ?? throw new InvalidOperationException("models/ not found above the test binaries"))!);

    public static TheoryData<string> PortDefects() => Names(inPort: true);

    public static TheoryData<string> DriverDefects() => Names(inPort: false);

    private static TheoryData<string> Names(bool inPort)
    {
        var data = new TheoryData<string>();
        foreach (var defect in DefectCatalogue.All.Where(d => d.InPort == inPort)) data.Add(defect.Name);
        return data;
    }

    /// <summary>"no-odd-seq-on-start" → "NoOddSeqOnStart": the constant's and the variant field's name.</summary>
    private static string Pascal(string kebab) => string.Concat(kebab.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    [Theory]
    [MemberData(nameof(PortDefects))]
    public void PortDefectLivesInTheKernelFunctionItNames(string name)
    {
        var defect = DefectCatalogue.Find(name)!;
        var tagged = typeof(MmuNotifierC).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<KernelFunctionAttribute>()?.Name).OfType<string>().ToHashSet();
        Assert.True(tagged.Contains(defect.Location), $"{name}: '{defect.Location}' is not a [KernelFunction] of MmuNotifierC");

        var source = File.ReadAllText(Path.Combine(Root.Value, "src", "MmuNotifier.Verification.Kernel", "Notifier", "MmuNotifierC.cs"));
        var body = BodyAfter(source, source.IndexOf($"[KernelFunction(\"{defect.Location}\"", StringComparison.Ordinal));
        Assert.True(body.Contains($"V.{Pascal(name)}", StringComparison.Ordinal),
            $"{name}: the body of {defect.Location} in MmuNotifierC.cs does not test V.{Pascal(name)}");
    }

    [Theory]
    [MemberData(nameof(DriverDefects))]
    public void DriverMisuseLivesInTheDriverMethodItNames(string name)
    {
        var defect = DefectCatalogue.Find(name)!;
        var parts = defect.Location.Split('.');
        Assert.Equal(2, parts.Length);
        var (typeName, method) = (parts[0], parts[1]);
        var type = typeof(DefectCatalogue).Assembly.GetType($"MmuNotifier.Verification.Models.Drivers.{typeName}");
        Assert.True(type is not null, $"{name}: no driver type {typeName}");
        var flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        Assert.True(method == typeName ? type!.GetConstructors(flags).Length > 0 : type!.GetMethods(flags).Any(m => m.Name == method),
            $"{name}: {typeName} has no method {method}");

        var source = File.ReadAllText(Path.Combine(Root.Value, "src", "MmuNotifier.Verification.Models", "Drivers", $"{typeName}.cs"));
        var declaration = Regex.Match(source, $@"^\s*(public|private|internal|protected)[^=;\n]*\b{method}\(", RegexOptions.Multiline);
        Assert.True(declaration.Success, $"{name}: no declaration of {method} in Drivers/{typeName}.cs");
        var body = BodyAfter(source, declaration.Index);
        Assert.True(body.Contains($"DriverDefects.{Pascal(name)}", StringComparison.Ordinal),
            $"{name}: the body of {defect.Location} does not test DriverDefects.{Pascal(name)}");
    }

    [Fact]
    public void BodyExtractionStopsAtTheMatchingBrace()
    {
        const string source = "[X] void A() { if (b) { c(); } d($\"{e}\"); } void B() { f(); }";
        Assert.Equal("{ if (b) { c(); } d($\"{e}\"); }", BodyAfter(source, 0));
    }

    /// <summary>The brace-delimited block that starts at the first '{' after <paramref name="from"/>.</summary>
    private static string BodyAfter(string source, int from)
    {
        Assert.True(from >= 0, "declaration not found");
        var open = source.IndexOf('{', from);
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            if (source[i] == '{') depth++;
            else if (source[i] == '}' && --depth == 0) return source[open..(i + 1)];
        }

        throw new InvalidOperationException("unbalanced braces");
    }
}
