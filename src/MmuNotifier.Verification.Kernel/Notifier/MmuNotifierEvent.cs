// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>enum mmu_notifier_event: why a range is being invalidated.</summary>
public enum MmuNotifierEvent
{
    MMU_NOTIFY_UNMAP = 0,
    MMU_NOTIFY_CLEAR,
    MMU_NOTIFY_PROTECTION_VMA,
    MMU_NOTIFY_PROTECTION_PAGE,
    MMU_NOTIFY_SOFT_DIRTY,
    MMU_NOTIFY_RELEASE,
    MMU_NOTIFY_MIGRATE,
    MMU_NOTIFY_EXCLUSIVE,
}
