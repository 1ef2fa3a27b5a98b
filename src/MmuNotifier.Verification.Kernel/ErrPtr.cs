// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel;

/// <summary>
/// A pointer that may carry an errno instead (ERR_PTR / IS_ERR / PTR_ERR). The default value is
/// NULL: no object and no error, which <c>find_get_mmu_notifier</c> uses for "not found".
/// </summary>
public readonly struct ErrPtr<T> where T : class
{
    private ErrPtr(T? value, int error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The object; null for NULL and for an error pointer.</summary>
    public T? Value { get; }

    /// <summary>The negative errno of an error pointer, else 0.</summary>
    public int Error { get; }

    /// <summary>IS_ERR.</summary>
    public bool IsErr => Error != 0;

    public bool IsNull => Value is null && Error == 0;

    public static ErrPtr<T> Null => default;

    public static ErrPtr<T> Of(T value) => new(value, 0);

    /// <summary>ERR_PTR(error); <paramref name="error"/> is negative, as in the kernel.</summary>
    public static ErrPtr<T> Err(int error)
    {
        if (error >= 0) throw new ArgumentOutOfRangeException(nameof(error), error, "ERR_PTR takes a negative errno");
        return new ErrPtr<T>(null, error);
    }

    public static implicit operator ErrPtr<T>(T value) => Of(value);

    public override string ToString() => IsErr ? $"ERR_PTR({Errno.Name(Error)})" : Value?.ToString() ?? "NULL";
}
