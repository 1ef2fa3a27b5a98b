// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Defects;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>The registry itself: complete, unique, and pointing at scenarios that exist.</summary>
public sealed class DefectCatalogueTests
{
    internal static List<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!).ToList();

    [Fact]
    public void EveryPortDefectAndDriverDefectIsCatalogued()
    {
        var names = DefectCatalogue.Names.ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        var port = ConstantsOf(typeof(PortDefects));
        var driver = ConstantsOf(typeof(DriverDefects));
        Assert.Equal(18, port.Count);
        Assert.Equal(8, driver.Count);
        Assert.Equal(port.Order(), DefectCatalogue.All.Where(d => d.InPort).Select(d => d.Name).Order());
        Assert.Equal(driver.Order(), DefectCatalogue.All.Where(d => !d.InPort).Select(d => d.Name).Order());
        foreach (var name in driver)
            Assert.Equal(DefectOrigin.DriverMisuse, DefectCatalogue.Find(name)!.Origin);
    }

    [Fact]
    public void EveryEntryNamesScenariosThatExist()
    {
        foreach (var entry in DefectCatalogue.All)
        {
            Assert.NotEmpty(entry.Scenarios);
            foreach (var scenario in entry.Scenarios)
                Assert.True(Models.Catalog.Find(scenario) is not null, $"{entry.Name}: no scenario '{scenario}' in models/");
        }
    }

    [Fact]
    public void WithKcsanEveryDefectIsABugAndTheV1SequenceOneIsADataRace()
    {
        Assert.Empty(DefectCatalogue.All.Where(e => !e.MustBeFound).Select(e => e.Name));
        Assert.Equal("DataRace (Core)", DefectCatalogue.Find(PortDefects.V1SeqWriteOutsideUserLock)!.ExpectedText);
    }

    [Fact]
    public void OnlyTheReviewBackoffNeedsACoreStateInvariant()
    {
        var restricted = DefectCatalogue.All.Where(e => e.Rule != FindingRule.AnyBug).Select(e => e.Name);
        Assert.Equal([PortDefects.ReviewBlockableBackoff], restricted);
    }

    [Fact]
    public void OriginsReadAsBefore()
    {
        Assert.Equal("historical (seed 003)", DefectCatalogue.Find(PortDefects.V1ReleaseWarnInverted)!.OriginText);
        Assert.Equal("historical (seed 001)", DefectCatalogue.Find(PortDefects.RfcRegisterNullOps)!.OriginText);
        Assert.Equal("review (seed 003)", DefectCatalogue.Find(PortDefects.ReviewBlockableBackoff)!.OriginText);
        Assert.Equal("synthetic", DefectCatalogue.Find(PortDefects.RemoveNoWait)!.OriginText);
        Assert.Equal("driver misuse (HmmMirror)", DefectCatalogue.Find(DriverDefects.MirrorSkipsReadRetry)!.OriginText);
        Assert.Equal("driver misuse (KvmUser)", DefectCatalogue.Find(DriverDefects.RegisterBothTlbAndStartEnd)!.OriginText);
    }

    [Fact]
    public void UnknownNamesAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => DefectCatalogue.Config(["no-such-defect"]));
        Assert.Contains("unknown defect 'no-such-defect'", error.Message);
        Assert.Contains(DriverDefects.MirrorSkipsReadRetry, error.Message);
    }

    [Fact]
    public void ProgramsRecordTheirDefectsForTraces()
    {
        var program = Scenarios.ScenarioProgram.Build(Models.Get("fault-vs-zap"),
            [DriverDefects.MirrorSkipsReadRetry, PortDefects.InsertIdleEvenSeq]);
        Assert.Equal([PortDefects.InsertIdleEvenSeq, DriverDefects.MirrorSkipsReadRetry], program.Defects);
        Assert.Empty(Scenarios.ScenarioProgram.Build(Models.Get("fault-vs-zap")).Defects);
    }
}
