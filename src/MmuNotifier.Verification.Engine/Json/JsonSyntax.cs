// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Json;

/// <summary>How much beyond strict JSON a file may use.</summary>
public enum JsonSyntax
{
    /// <summary>RFC 8259 only: for machine-written files such as traces.</summary>
    Strict,

    /// <summary>Also <c>//</c> and <c>/* */</c> comments and trailing commas: for hand-written files such as scenarios.</summary>
    CommentsAndTrailingCommas,
}
