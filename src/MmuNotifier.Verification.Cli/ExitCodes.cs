// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli;

/// <summary>The process exit codes, documented in README.md; scripts and CI depend on them.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing unexpected was found.</summary>
    public const int Ok = 0;

    /// <summary>A bug was found (or reproduced by replay).</summary>
    public const int BugFound = 1;

    /// <summary>Bad command line or bad input file: a one-line message says what and where.</summary>
    public const int UsageError = 2;

    /// <summary>The tool itself failed; not the user's fault and not a finding about the model.</summary>
    public const int InternalError = 3;
}
