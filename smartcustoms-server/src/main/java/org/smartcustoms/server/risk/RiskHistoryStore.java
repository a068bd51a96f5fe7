package org.smartcustoms.server.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

import org.smartcustoms.risk.features.PartyProfile;

/**
 * Read model of the risk capability over the declaration and inspection-result tables: trader history, the
 * priced items behind price norms, and recent declarations with their inspection counts (for rule tests).
 */
public interface RiskHistoryStore {
    /** A party's history of declarations dated before {@code before} (as importer, or declarant for others). */
    PartyProfile partyProfile(String partyId, LocalDate before);

    /** A declared goods item with a positive quantity and value. */
    record PricedItem(String commodityCode, String originCountry, BigDecimal valueAmount, String valueCurrency,
                      BigDecimal quantity) { }

    /** Every goods item with a positive quantity and value, streamed. */
    void pricedItems(Consumer<PricedItem> sink);

    /** A stored declaration (JSON payload) with how many inspection results it has, and how many irregular. */
    record InspectedDeclaration(String id, String payload, long inspected, long irregular) { }

    /** Declarations submitted at or after {@code since}, newest first, at most {@code limit}, streamed. */
    void submittedSince(Instant since, int limit, Consumer<InspectedDeclaration> sink);
}
