// SPDX-License-Identifier: GPL-2.0-only
using System.Reflection;
using System.Text.RegularExpressions;

namespace MmuNotifier.Verification.Kernel.Coverage;

/// <summary>A branch of the port: the line of its Taken(...) probe and the condition as written there.</summary>
public sealed record PortBranch(int Line, string Condition);

/// <summary>A ported kernel function: its C name, the C# method (Class.Method), its probes.</summary>
public sealed record PortFunction(string Name, string File, string Method, int Line, IReadOnlyList<PortBranch> Branches);

/// <summary>
/// Every probe the port has, read from the port's own source (embedded in this assembly), so the
/// table cannot drift from the code and an installed tool has it without a checkout: each
/// [KernelFunction] opens a function, each line with a Taken(, NotNull( or IsNull( probe is one of its branches. A private helper
/// (the deferred-list loop) belongs to the kernel function above it, whose C body it is.
/// </summary>
public static partial class PortCoverageMap
{
    /// <summary>The embedded source files, by the class their probes name.</summary>
    private static readonly (string Tag, string Resource)[] Sources = [("MmuNotifierC", "MmuNotifierC.cs")];

    private static readonly Lazy<IReadOnlyList<PortFunction>> All = new(Load);

    public static IReadOnlyList<PortFunction> Functions => All.Value;

    [GeneratedRegex("""\[KernelFunction\("([^"]+)"(?:, File = (\w+))?""")]
    private static partial Regex KernelFunction();

    [GeneratedRegex(@"^    (?:public|internal|private)[^=;]*?\b(\w+)\(")]
    private static partial Regex Member();

    [GeneratedRegex(@"(?<![.\w])(?:Taken|NotNull|IsNull)\(")]
    private static partial Regex Probe();

    private static IReadOnlyList<PortFunction> Load()
    {
        var functions = new List<PortFunction>();
        foreach (var (tag, resource) in Sources)
            functions.AddRange(Scan(tag, Read(resource)));
        return functions;
    }

    private static string Read(string resource)
    {
        using var stream = typeof(PortCoverageMap).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the port source {resource} is not embedded in {typeof(PortCoverageMap).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static List<PortFunction> Scan(string tag, string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var functions = new List<PortFunction>();
        string? pendingName = null;
        List<PortBranch>? branches = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (KernelFunction().Match(line) is { Success: true } attribute)
            {
                pendingName = attribute.Groups[1].Value;
                continue;
            }

            if (Member().Match(line) is { Success: true } member)
            {
                if (pendingName is not null)
                {
                    branches = [];
                    functions.Add(new PortFunction(pendingName, "mm/mmu_notifier.c", tag + "." + member.Groups[1].Value, i + 1, branches));
                    pendingName = null;
                }

                continue;
            }

            if (branches is not null && Probe().Match(line) is { Success: true } probe)
                branches.Add(new PortBranch(i + 1, Condition(lines, i, probe.Index + probe.Length) + probe.Value switch
                {
                    "NotNull(" => " is not null",
                    "IsNull(" => " is null",
                    _ => "",
                }));
        }

        return functions;
    }

    /// <summary>The text inside Taken( ... ), over following lines when it continues there.</summary>
    private static string Condition(string[] lines, int index, int start)
    {
        var text = new System.Text.StringBuilder();
        var depth = 1;
        for (var i = index; i < lines.Length && depth > 0; i++, start = 0)
        {
            var line = lines[i];
            for (var c = start; c < line.Length; c++)
            {
                if (line[c] == '(') depth++;
                else if (line[c] == ')' && --depth == 0) break;
                text.Append(line[c]);
            }

            if (depth > 0) text.Append(' ');
        }

        return Regex.Replace(text.ToString(), @"\s+", " ").Trim();
    }
}
