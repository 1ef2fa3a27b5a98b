// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>A Coyote.runsettings file or COYOTE_* variable with a value that cannot be used; the message names where and what was expected.</summary>
public sealed class RunSettingsException(string message, Exception? inner = null) : Exception(message, inner);
