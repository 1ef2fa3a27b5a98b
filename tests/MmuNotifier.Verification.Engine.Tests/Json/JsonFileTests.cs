// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Json;

namespace MmuNotifier.Verification.Engine.Tests.Json;

/// <summary>Reading an input file's bytes: whatever the path names, the answer is bytes or a format error.</summary>
public sealed class JsonFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("json-file-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reads_a_file_exactly()
    {
        var path = Path.Combine(_dir, "x.json");
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{}\n"u8];
        File.WriteAllBytes(path, bytes);
        Assert.Equal(bytes, JsonFile.ReadBytes(path, "scenario"));
    }

    [Fact]
    public void Missing_file()
    {
        var path = Path.Combine(_dir, "absent.json");
        var e = Assert.Throws<JsonFormatException>(() => JsonFile.ReadBytes(path, "scenario"));
        Assert.Equal($"{path}: expected an existing scenario file, but it does not exist", e.Message);
        Assert.Equal(0, e.Line);
    }

    [Fact]
    public void Directory_is_not_a_file() =>
        Assert.Equal($"{_dir}: expected a trace file, found a directory",
            Assert.Throws<JsonFormatException>(() => JsonFile.ReadBytes(_dir, "trace")).Message);

    [Fact]
    public void Regular_file_above_the_cap_is_refused_before_reading()
    {
        var path = Path.Combine(_dir, "big.json");
        File.WriteAllBytes(path, new byte[101]);
        var e = Assert.Throws<JsonFormatException>(() => JsonFile.ReadBytes(path, "trace", maxBytes: 100));
        Assert.Equal($"{path}: expected a trace file of at most 100 bytes, but it is larger (or endless, like a device)", e.Message);
        Assert.Equal(100, JsonFile.ReadBytes(WriteBytes("exact.json", 100), "trace", maxBytes: 100).Length);
    }

    [Fact]
    public void Endless_device_is_refused_at_the_default_cap()
    {
        // /dev/zero reports size 0 and never ends: only the bounded read loop can stop it.
        if (!File.Exists("/dev/zero")) return;
        var e = Assert.Throws<JsonFormatException>(() => JsonFile.ReadBytes("/dev/zero", "trace"));
        Assert.Equal($"/dev/zero: expected a trace file of at most {JsonFile.MaxBytes} bytes, but it is larger (or endless, like a device)", e.Message);
    }

    [Fact]
    public void Empty_device_reads_as_empty_and_then_fails_to_parse()
    {
        if (!File.Exists("/dev/null")) return;
        var bytes = JsonFile.ReadBytes("/dev/null", "trace");
        Assert.Empty(bytes);
        Assert.Throws<JsonFormatException>(() => JsonValue.Parse(bytes, "/dev/null"));
    }

    private string WriteBytes(string name, int count)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, new byte[count]);
        return path;
    }
}
