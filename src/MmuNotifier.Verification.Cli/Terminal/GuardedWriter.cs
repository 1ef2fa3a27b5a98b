// SPDX-License-Identifier: GPL-2.0-only
using System.Text;

namespace MmuNotifier.Verification.Cli.Terminal;

/// <summary>A standard stream whose every write goes through <see cref="Guard"/>, which decides what a failing write becomes.</summary>
internal abstract class GuardedWriter(TextWriter inner) : TextWriter
{
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    public override void Write(char value) => Guard(() => Inner.Write(value));

    public override void Write(string? value) => Guard(() => Inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => Inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => Inner.WriteLine(value));

    public override void Flush() => Guard(Inner.Flush);

    protected abstract void Guard(Action write);
}
