// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Engine.IO;

namespace MmuNotifier.Verification.Cli.Tests;

/// <summary>
/// Outputs that are not regular files. Every file is renamed into place, which replaced the entry
/// named: `replay T --html /dev/null` run as root left /dev/null a regular file. A FIFO stands in
/// for the device here, so a regression cannot damage the machine running the tests.
/// </summary>
public sealed class SpecialOutputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--html", "replay", "TRACE")]
    [InlineData("--report", "test", "lost-update", "--iterations", "5", "--shorten", "0", "--shard", "0/2")]
    [InlineData("--coverage", "test", "lost-update", "--iterations", "5", "--shorten", "0")]
    public void An_output_file_that_is_a_fifo_is_refused_and_left_in_place(string option, params string[] args)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fifo = Fifo("out.json");
        var trace = RepositoryFiles.Trace("get-put-puts-twice");
        var result = CliRunner.Run([.. args.Select(a => a == "TRACE" ? trace : a), option, fifo]);
        CliRunner.AssertCleanError(result, $"{option} {fifo}: expected a regular file path, but it names a FIFO");
        Assert.Equal("a FIFO", SpecialFile.Describe(fifo));
    }

    /// <summary>
    /// An output directory that is a device or FIFO was called a file ("expected a directory, but
    /// /dev/null is a file"); the message says what it is. Checking never writes to it, so /dev/null
    /// itself is safe to name here.
    /// </summary>
    [Theory]
    [InlineData("--out", "test", "lost-update", "--iterations", "5", "--shorten", "0")]
    [InlineData("--out", "verify", "lost-update", "--max-executions", "5")]
    [InlineData("--models-out", "fuzz", "--count", "1")]
    [InlineData("--html", "test", "lost-update", "--iterations", "5", "--shorten", "0")]
    public void An_output_directory_that_is_a_device_or_fifo_says_what_it_is(string option, params string[] args)
    {
        if (!OperatingSystem.IsLinux()) return;
        CliRunner.AssertCleanError(CliRunner.Run([.. args, option, "/dev/null"]),
            $"{option} /dev/null: expected a directory, but /dev/null is a character device, not a directory");
        var fifo = Fifo("out");
        CliRunner.AssertCleanError(CliRunner.Run([.. args, option, Path.Combine(fifo, "traces")]),
            $"{option} {Path.Combine(fifo, "traces")}: expected a directory, but {fifo} is a FIFO, not a directory");
        // Through a symbolic link, what it points at.
        var link = _dir.File("link");
        File.CreateSymbolicLink(link, "/dev/null");
        CliRunner.AssertCleanError(CliRunner.Run([.. args, option, link]), $"{option} {link}: expected a directory, but {link} is a character device, not a directory");
        Assert.Equal("a FIFO", SpecialFile.Describe(fifo));
    }

    [Fact]
    public void Writing_over_a_fifo_is_refused_even_past_the_option_checks()
    {
        if (!OperatingSystem.IsLinux()) return;
        var fifo = Fifo("trace.json");
        var error = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(fifo, "{}"));
        Assert.Contains("expected a regular file to write, but it is a FIFO", error.Message);
        Assert.Equal("a FIFO", SpecialFile.Describe(fifo));
    }

    // A write that failed at the rename (a directory there, an immutable file, a full disk) named
    // only the temporary file, "No space left on device : '.../.mmu-verify-0123.tmp'".
    [Fact]
    public void A_failed_write_names_the_file_asked_for_and_leaves_no_temporary()
    {
        var taken = Directory.CreateDirectory(_dir.File("taken.html")).FullName;
        File.WriteAllText(Path.Combine(taken, "inside"), "x");
        var error = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(taken, "<html/>"));
        Assert.StartsWith($"{taken}: cannot write: ", error.Message);
        Assert.DoesNotContain(".mmu-verify-", error.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path, ".mmu-verify-*"));
    }

    [Fact]
    public void Regular_files_directories_and_missing_paths_are_not_special()
    {
        var file = _dir.File("plain.json");
        File.WriteAllText(file, "{}");
        Assert.Null(SpecialFile.Describe(file));
        Assert.Null(SpecialFile.Describe(_dir.Path));
        Assert.Null(SpecialFile.Describe(_dir.File("missing.json")));
    }

    private string Fifo(string name)
    {
        var path = _dir.File(name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
