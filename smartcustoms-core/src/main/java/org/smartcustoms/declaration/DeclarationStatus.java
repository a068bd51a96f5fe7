package org.smartcustoms.declaration;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of a declaration. The allowed transitions are declared here once so that storage, API and
 * workflow cannot disagree about them.
 */
public enum DeclarationStatus {
    SUBMITTED, ACCEPTED, RISK_ASSESSED, UNDER_CONTROL, RELEASED, CLEARED, REJECTED, CANCELLED;

    private static final Map<DeclarationStatus, Set<DeclarationStatus>> NEXT = Map.of(
            SUBMITTED, EnumSet.of(ACCEPTED, REJECTED, CANCELLED),
            ACCEPTED, EnumSet.of(RISK_ASSESSED, RELEASED, UNDER_CONTROL, CANCELLED, ACCEPTED),
            RISK_ASSESSED, EnumSet.of(RELEASED, UNDER_CONTROL, CANCELLED, RISK_ASSESSED, ACCEPTED),
            UNDER_CONTROL, EnumSet.of(RELEASED, REJECTED, CANCELLED, UNDER_CONTROL),
            RELEASED, EnumSet.of(CLEARED),
            CLEARED, EnumSet.noneOf(DeclarationStatus.class),
            REJECTED, EnumSet.noneOf(DeclarationStatus.class),
            CANCELLED, EnumSet.noneOf(DeclarationStatus.class));

    public boolean canMoveTo(DeclarationStatus next) {
        return NEXT.get(this).contains(next);
    }
}
