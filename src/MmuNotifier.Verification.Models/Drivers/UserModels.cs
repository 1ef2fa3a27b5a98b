// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// The registry of user models: the one place a model's name, factory and capabilities are
/// written. The parser, the generator, the scenario rules and the world all look models up
/// here. A driver author adds a model with one <see cref="Register"/> call (see
/// docs/writing-a-driver-model.md); scenarios loaded afterwards may name it.
/// </summary>
public static class UserModels
{
    private static readonly object Gate = new();
    private static UserModelInfo[] _all =
    [
        new(UserKind.HmmMirror, UserApi.Interval, (w, s) => new HmmMirror(w, s))
            { Faults = true, HasInvalidateBehaviour = true, GenerationWeight = 4, NamePrefix = "mirror" },
        new(UserKind.Kvm, UserApi.Hlist, (w, s) => new KvmUser(w, s))
            { Faults = true, FaultsNeedRegistration = true, GenerationWeight = 3, NamePrefix = "kvm" },
        new(UserKind.SecondaryTlb, UserApi.Hlist, (w, s) => new SecondaryTlbUser(w, s))
            { Faults = true, GenerationWeight = 2, NamePrefix = "tlb" },
        new(UserKind.GetPut, UserApi.GetPut, (w, s) => new GetPutUser(w, s)) { GenerationWeight = 1, NamePrefix = "gp" },
        new(UserKind.StartOnly, UserApi.Hlist, (w, s) => new StartOnlyUser(w, s)) { GenerationWeight = 3, NamePrefix = "start" },
        new(UserKind.LockedInsertMirror, UserApi.Interval, (w, s) => new LockedInsertMirror(w, s))
            { Faults = true, HasInvalidateBehaviour = true, GenerationWeight = 0, NamePrefix = "lmirror" },
    ];

    /// <summary>Every registered model, built-in ones first, then in registration order.</summary>
    public static IReadOnlyList<UserModelInfo> All => Volatile.Read(ref _all);

    /// <summary>
    /// Adds a model. Registering the same name again with the same factory is a no-op (test
    /// classes may each register what they use); with another factory it is an error.
    /// </summary>
    /// <exception cref="ArgumentException">The name is taken by another model, or is not a scenario name.</exception>
    public static void Register(UserModelInfo model)
    {
        if (model.Name.Length == 0 || !model.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            throw new ArgumentException($"a user model name is letters, digits, '-' and '_', not '{model.Name}'", nameof(model));
        lock (Gate)
        {
            if (Find(model.Name) is { } existing)
            {
                if (existing == model || existing.Create.Method == model.Create.Method) return;
                throw new ArgumentException($"the user model name '{model.Name}' is already registered", nameof(model));
            }

            Volatile.Write(ref _all, [.. _all, model]);
        }
    }

    public static UserModelInfo? Find(string name) => Array.Find(Volatile.Read(ref _all), m => m.Name == name);

    /// <exception cref="KeyNotFoundException">No model has that name.</exception>
    public static UserModelInfo Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"no user model named '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The model of <paramref name="spec"/>.</summary>
    public static UserModelInfo Of(SubscriptionSpec spec) => Get(spec.User);
}
