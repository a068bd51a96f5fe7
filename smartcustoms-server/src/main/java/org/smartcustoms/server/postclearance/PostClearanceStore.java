package org.smartcustoms.server.postclearance;

import java.math.BigDecimal;
import java.util.function.Consumer;

/** Read model of post-clearance audit over the declaration, declaration-item and inspection-result tables; rows are streamed. */
public interface PostClearanceStore {
    /** A goods item of a released or cleared declaration. */
    record ReleasedItem(String declarationId, int sequenceNo, java.time.LocalDate declarationDate, String commodityCode,
                        String originCountry, String valueCurrency, BigDecimal netMassKg, BigDecimal quantity,
                        BigDecimal valueAmount) { }

    /** Items of released and cleared declarations, by declaration id and sequence number. */
    void releasedItems(Consumer<ReleasedItem> sink);

    /** One inspection result's outcome. */
    record ResultOutcome(String declarationId, String outcome) { }

    /** Every inspection result's outcome, in the order recorded. */
    void resultOutcomes(Consumer<ResultOutcome> sink);

    /**
     * A released or cleared declaration with its stored risk decision and tariff assessment (either null when none was
     * stored or the stored document cannot be read).
     */
    record ReleasedDeclaration(String id, String lrn, String importerId, String declarantId, String status, Integer riskScore,
                               org.smartcustoms.risk.RiskDecision risk, org.smartcustoms.tariff.TariffAssessment assessment) { }

    void releasedDeclarations(Consumer<ReleasedDeclaration> sink);
}
