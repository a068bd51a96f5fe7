package org.smartcustoms.risk;

/**
 * The threats a scorecard rates. The first three are revenue (fiscal) threats; PROHIBITED and SECURITY
 * are non-fiscal and together make the KCS "Critical Fraud" label.
 */
public enum Threat {
    UNDERVALUATION, MISCLASSIFICATION, ORIGIN, PROHIBITED, SECURITY, OTHER;

    /** Whether this threat is non-fiscal (KCS "Critical Fraud"). */
    public boolean isCritical() {
        return this == PROHIBITED || this == SECURITY;
    }
}
