// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Runtime;

/// <summary>
/// Liveness checking with hot/cold monitors (as Coyote does it): a run that ends with a monitor
/// hot broke a progress obligation; under a fair strategy, a monitor hot for longer than the
/// liveness threshold (Coyote's "temperature"; by default half of max-steps, so a retry loop that
/// spins for ever is caught before the step bound cuts it) is a liveness bug too, since every
/// enabled thread kept getting turns and still nobody met it. A step-bound cut with a monitor hot
/// for less than that stays a plain cut: the obligation may just be long.
/// </summary>
internal sealed partial class ControlledRuntime
{
    private readonly List<HotColdMonitor> _liveness = [];

    /// <summary>
    /// Steps a monitor may stay hot before the run is a liveness bug; null when the schedule is not
    /// fair, and then only a run that ends with a monitor hot is one (an unfair schedule can starve
    /// the thread that would meet the obligation, so its step-bound cuts prove nothing).
    /// </summary>
    public int? LivenessThreshold { get; set; }

    public ILivenessMonitor NewLivenessMonitor(string property, BugComponent component = BugComponent.Core)
    {
        var monitor = new HotColdMonitor(this, property, component);
        _liveness.Add(monitor);
        return monitor;
    }

    /// <summary>After a step: the temperature check of the fair schedule.</summary>
    private void CheckLivenessTemperature()
    {
        if (LivenessThreshold is not { } threshold) return;
        foreach (var monitor in _liveness)
        {
            if (monitor.Obligation is { } obligation && _step - monitor.HotSince > threshold)
            {
                ReportLiveness(monitor, $"hot for more than {threshold} steps of a fair schedule (--liveness-threshold): {obligation}");
                return;
            }
        }
    }

    /// <summary>Every thread finished: an obligation still pending will never be met.</summary>
    private void LivenessAtEnd()
    {
        if (FirstHot() is { } monitor) ReportLiveness(monitor, $"still hot when every thread had finished: {monitor.Obligation}");
    }

    private HotColdMonitor? FirstHot() => _liveness.Find(m => m.Obligation is not null);

    private void ReportLiveness(HotColdMonitor monitor, string what) =>
        StopWith(BugKind.Liveness, $"liveness monitor {monitor.Property} {what} (hot since step {monitor.HotSince})",
            monitor.Property, monitor.Component, thread: "(all)");

    /// <summary>A monitor that remembers the step it turned hot at.</summary>
    private sealed class HotColdMonitor(ControlledRuntime runtime, string property, BugComponent component) : LivenessMonitor(property)
    {
        public BugComponent Component { get; } = component;

        public int HotSince { get; private set; } = -1;

        public override void Hot(string obligation)
        {
            if (Obligation is null) HotSince = runtime._step;
            base.Hot(obligation);
        }

        public override void Cold()
        {
            HotSince = -1;
            base.Cold();
        }
    }
}
