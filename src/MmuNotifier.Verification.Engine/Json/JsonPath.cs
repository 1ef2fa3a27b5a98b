// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Json;

/// <summary>Spells JSONPath-style places: <c>$</c>, <c>$.threads[1].ops[0].page</c>, <c>$['odd name']</c>.</summary>
public static class JsonPath
{
    public const string Root = "$";

    public static string Member(string parent, string name) =>
        IsPlainName(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    private static bool IsPlainName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');
}
