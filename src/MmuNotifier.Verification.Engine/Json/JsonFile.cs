// SPDX-License-Identifier: GPL-2.0-only
using System.Text.RegularExpressions;

namespace MmuNotifier.Verification.Engine.Json;

/// <summary>
/// Reads an input file's bytes for <see cref="JsonValue.Parse"/>, refusing what cannot be one:
/// a missing path, a directory, a pipe or terminal (opened without blocking, see
/// <see cref="InputFileStream"/>), an unreadable file, or more than <see cref="MaxBytes"/> (reading
/// in bounded chunks, so a device such as /dev/zero is refused instead of filling memory).
/// </summary>
public static class JsonFile
{
    /// <summary>Far above any real trace or scenario; a file this large is a mistake.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private const int ChunkBytes = 64 * 1024;

    /// <param name="what">The kind of file, for messages ("trace", "scenario").</param>
    /// <exception cref="JsonFormatException">The file is missing, unreadable, not a file or too large.</exception>
    public static byte[] ReadBytes(string path, string what, int maxBytes = MaxBytes)
    {
        // The runtime's own words for this name no file ("The value cannot be an empty string. (Parameter 'path')").
        if (path.Length == 0) throw JsonFormatException.ForFile("''", $"expected the path of a {what} file, found an empty string");
        if (Directory.Exists(path)) throw JsonFormatException.ForFile(path, $"expected a {what} file, found a directory");
        try
        {
            using var stream = InputFileStream.Open(path);
            if (!stream.CanSeek) throw JsonFormatException.ForFile(path, $"expected a regular {what} file, found a pipe, socket or terminal");
            return ReadBounded(stream, path, what, maxBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw JsonFormatException.ForFile(path, $"expected an existing {what} file, but it does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw JsonFormatException.ForFile(path, $"expected a readable {what} file, but permission to read it is denied", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw JsonFormatException.ForFile(path, $"expected a readable {what} file: {WithoutPath(e.Message)}", e);
        }
    }

    /// <summary>The runtime ends some messages with " : '/full/path'" (a symlink loop); the line names the file already.</summary>
    private static string WithoutPath(string message) => Regex.Replace(message, @" : '[^']*'$", "");

    private static byte[] ReadBounded(FileStream stream, string path, string what, int maxBytes)
    {
        // A regular file says its size up front; a device or pipe says 0 and is caught by the loop.
        if (stream.CanSeek && stream.Length > maxBytes) throw TooLarge(path, what, maxBytes);
        using var content = new MemoryStream();
        var chunk = new byte[Math.Min(ChunkBytes, maxBytes + 1)];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (content.Length + read > maxBytes) throw TooLarge(path, what, maxBytes);
            content.Write(chunk, 0, read);
        }

        return content.ToArray();
    }

    private static JsonFormatException TooLarge(string path, string what, int maxBytes) =>
        JsonFormatException.ForFile(path, $"expected a {what} file of at most {maxBytes} bytes, but it is larger (or endless, like a device)");
}
