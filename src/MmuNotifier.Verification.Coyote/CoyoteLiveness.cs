// SPDX-License-Identifier: GPL-2.0-only
using Microsoft.Coyote.Specifications;
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Coyote;

/// <summary>
/// Our hot/cold liveness monitors (<see cref="ILivenessMonitor"/>) as one Coyote specification
/// monitor: Coyote judges liveness itself, with its own rules. Its monitor is hot while any of
/// ours is hot; under a fair schedule Coyote raises its temperature at every scheduling decision
/// the monitor spends hot and reports a potential liveness bug past its temperature threshold, and
/// it reports a monitor still hot when every operation has completed. Coyote keys monitors by
/// type, so all of a program's obligations share one: the temperature counts how long some
/// obligation has been pending without a break, where ours counts per obligation (the same on
/// programs with one obligation at a time, as the liveness samples are).
/// </summary>
internal sealed class CoyoteLiveness
{
    private int _hot;
    private bool _registered;

    /// <summary>An obligation of ours that tells Coyote's monitor when it turns hot or cold.</summary>
    public ILivenessMonitor NewMonitor(string property)
    {
        if (!_registered)
        {
            // One Coyote iteration per CoyoteRuntime, and Coyote's monitors live for one iteration.
            Specification.RegisterMonitor<PendingObligations>();
            _registered = true;
        }

        return new Forwarding(this, property);
    }

    private void Changed(bool wasHot, bool isHot)
    {
        if (wasHot == isHot) return;
        _hot += isHot ? 1 : -1;
        if (isHot && _hot == 1) Specification.Monitor<PendingObligations>(new PendingObligations.TurnedHot());
        else if (!isHot && _hot == 0) Specification.Monitor<PendingObligations>(new PendingObligations.TurnedCold());
    }

    private sealed class Forwarding(CoyoteLiveness owner, string property) : LivenessMonitor(property)
    {
        public override void Hot(string obligation)
        {
            var wasHot = Obligation is not null;
            base.Hot(obligation);
            owner.Changed(wasHot, isHot: true);
        }

        public override void Cold()
        {
            var wasHot = Obligation is not null;
            base.Cold();
            owner.Changed(wasHot, isHot: false);
        }
    }
}

/// <summary>Coyote's view of our obligations: cold while none is pending, hot while one is.</summary>
internal sealed class PendingObligations : Microsoft.Coyote.Specifications.Monitor
{
    public sealed class TurnedHot : Event;

    public sealed class TurnedCold : Event;

    [Start]
    [Cold]
    [OnEventGotoState(typeof(TurnedHot), typeof(Pending))]
    [IgnoreEvents(typeof(TurnedCold))]
    private sealed class Met : State;

    [Hot]
    [OnEventGotoState(typeof(TurnedCold), typeof(Met))]
    [IgnoreEvents(typeof(TurnedHot))]
    private sealed class Pending : State;
}
