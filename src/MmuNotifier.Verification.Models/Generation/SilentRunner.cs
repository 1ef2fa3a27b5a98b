// SPDX-License-Identifier: GPL-2.0-only
using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// An FsCheck runner that prints nothing: the fuzzer reports through its own progress callback
/// and result, and FsCheck's console output would interleave with Spectre's display.
/// </summary>
internal sealed class SilentRunner : IRunner
{
    public void OnStartFixture(Type type)
    {
    }

    public void OnArguments(int testNumber, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
    {
    }

    public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
    {
    }

    public void OnFinished(string name, TestResult testResult)
    {
    }
}
