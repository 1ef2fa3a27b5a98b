// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Traces;

/// <summary>
/// Implemented by an attribute that names the function a method ports (the kernel port's
/// KernelFunctionAttribute), so recorded steps can say which function they ran in without the
/// engine knowing the kernel.
/// </summary>
public interface INamedFunction
{
    string Name { get; }
}
