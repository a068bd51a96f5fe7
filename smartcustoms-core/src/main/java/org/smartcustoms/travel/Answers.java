package org.smartcustoms.travel;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard questions of the traveller's declaration; any "yes" sends the traveller to the manned counter
 * (restricted goods are never cleared by an e-gate).
 */
public record Answers(boolean prohibitedOrRestricted, boolean meatOrPlants, boolean firearms, boolean cashOverThreshold,
                      boolean commercialGoods, boolean unaccompaniedBaggage) {

    public static Answers none() {
        return new Answers(false, false, false, false, false, false);
    }

    /** The "yes" answers in words (empty when all are "no"). */
    public List<String> declared() {
        List<String> out = new ArrayList<>();
        if (prohibitedOrRestricted) out.add("prohibited or restricted goods declared");
        if (meatOrPlants) out.add("meat, plants or animal products declared");
        if (firearms) out.add("firearms or weapons declared");
        if (cashOverThreshold) out.add("cash or bearer instruments over the threshold declared");
        if (commercialGoods) out.add("commercial goods or samples declared");
        if (unaccompaniedBaggage) out.add("unaccompanied baggage declared");
        return out;
    }
}
