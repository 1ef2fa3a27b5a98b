// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel;

/// <summary>
/// The errno values the port returns. Like the kernel, functions return <c>int</c> and an error is
/// the negated constant (<c>return -Errno.EOVERFLOW;</c>), so the C and the C# read the same way.
/// Values are the x86-64 asm-generic ones.
/// </summary>
public static class Errno
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EINVAL = 22;
    public const int EOVERFLOW = 75;

    /// <summary>A readable name for a (negative) return value, for traces and test messages.</summary>
    public static string Name(int ret) => ret switch
    {
        0 => "0",
        -EINTR => "-EINTR",
        -EAGAIN => "-EAGAIN",
        -ENOMEM => "-ENOMEM",
        -EINVAL => "-EINVAL",
        -EOVERFLOW => "-EOVERFLOW",
        _ => ret.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
