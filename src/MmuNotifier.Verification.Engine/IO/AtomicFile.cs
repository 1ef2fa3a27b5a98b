// SPDX-License-Identifier: GPL-2.0-only
using System.Text;

namespace MmuNotifier.Verification.Engine.IO;

/// <summary>
/// Every file the tool writes (traces, the corpus, fuzz output) goes through here: the text is
/// written to a temporary file in the same directory, flushed, then renamed over the final name,
/// so a reader (or a kill at the wrong moment) sees the old file or the whole new one, never a
/// truncated one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, creating the directory if needed.</summary>
    /// <exception cref="IOException"><paramref name="path"/> names a device, FIFO or socket, which the rename would replace.</exception>
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        if (SpecialFile.Describe(full) is { } special)
            throw new IOException($"{path}: expected a regular file to write, but it is {special} (writing would replace it)");
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        // Short and fixed-length, so a final name near the file-system limit still has a temporary twin.
        var temporary = Path.Combine(directory, $".mmu-verify-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            // The system's message names the temporary file, which the user never asked for.
            throw new IOException($"{path}: cannot write: {e.Message.Replace($" : '{temporary}'", "").Replace(temporary, full)}", e);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
