package org.smartcustoms.server.inspection;

import java.math.BigDecimal;

/**
 * Body of {@code POST /declarations/{id}/inspection}. Enumerations arrive as strings so that a wrong value gets
 * a sentence naming the allowed ones rather than a generic "unreadable body".
 */
public record InspectionRequest(String outcome, Amount additionalDuty, Seizure seizure, String notes, String decision) {
    /** A sum of money. */
    public record Amount(BigDecimal amount, String currency) { }

    /** Goods seized: what, how much, how they were hidden and where they are kept. */
    public record Seizure(String goods, BigDecimal quantity, String unit, String concealment, String location) { }
}
