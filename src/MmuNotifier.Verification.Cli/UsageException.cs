// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli;

/// <summary>A mistake in the command line or an input file: printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
