package org.smartcustoms.statistics;

import java.util.Set;

/**
 * Primary suppression rules and the protection a sensitive cell needs (as in τ-ARGUS):
 * <ul>
 * <li>threshold: fewer than {@code minContributors} traders in the cell;</li>
 * <li>dominance (n,k): the {@code dominanceN} largest traders hold more than {@code dominanceK} % of the cell;</li>
 * <li>p %: the cell minus its two largest traders is less than {@code pPercent} % of the largest (the second largest
 *     could estimate the largest within p %);</li>
 * <li>confidential: a trader who asked for confidentiality contributes to the cell.</li>
 * </ul>
 * A suppressed sensitive cell is protected when an attacker who knows every published cell can neither push its
 * upper bound below value × (1 + protectionPercent %) nor its lower bound above value × (1 − protectionPercent %).
 */
public record DisclosureRules(int minContributors, int dominanceN, double dominanceK, double pPercent,
                              double protectionPercent, Set<String> confidentialTraders) {
    public DisclosureRules {
        if (minContributors < 1) throw new IllegalArgumentException("minContributors must be at least 1");
        if (dominanceN < 1) throw new IllegalArgumentException("dominance n must be at least 1");
        if (dominanceK <= 0 || dominanceK > 100) throw new IllegalArgumentException("dominance k must be in (0, 100]");
        if (pPercent < 0 || pPercent > 100) throw new IllegalArgumentException("p must be in [0, 100]");
        if (protectionPercent < 0 || protectionPercent > 100) throw new IllegalArgumentException("protection must be in [0, 100]");
        confidentialTraders = confidentialTraders == null ? Set.of() : Set.copyOf(confidentialTraders);
    }

    /** Threshold 3 traders, dominance (2, 85 %), p = 10 %, protection 10 %. */
    public static DisclosureRules defaults() {
        return new DisclosureRules(3, 2, 85, 10, 10, Set.of());
    }
}
