// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Tests.BrokenModels;

/// <summary>World options that swap one faithful model for a broken subclass.</summary>
internal static class Broken
{
    /// <summary>Every subscription of model <paramref name="user"/> gets the broken <typeparamref name="T"/>.</summary>
    public static WorldOptions User<T>(string user, Func<ModelWorld, SubscriptionSpec, T> create) where T : UserModel =>
        new() { Variant = VariantName<T>(), User = (w, s) => s.User == user ? create(w, s) : null };

    public static WorldOptions Mirror<T>(Func<ModelWorld, SubscriptionSpec, T> create) where T : HmmMirror => User(UserKind.HmmMirror, create);

    public static WorldOptions Kvm<T>(Func<ModelWorld, SubscriptionSpec, T> create) where T : KvmUser => User(UserKind.Kvm, create);

    public static WorldOptions Tlb<T>(Func<ModelWorld, SubscriptionSpec, T> create) where T : SecondaryTlbUser => User(UserKind.SecondaryTlb, create);

    public static WorldOptions GetPut<T>(Func<ModelWorld, SubscriptionSpec, T> create) where T : GetPutUser => User(UserKind.GetPut, create);

    private static string VariantName<T>() => $"{typeof(T).DeclaringType?.Name}.{typeof(T).Name}";

    public static WorldOptions Core<T>(Func<ModelWorld, T> create) where T : CoreMmOps => new() { Variant = VariantName<T>(), Core = create };
}
