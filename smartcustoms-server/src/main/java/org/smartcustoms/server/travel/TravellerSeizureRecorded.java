package org.smartcustoms.server.travel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Published inside the transaction in which an officer records, on the arrivals board, a result with goods seized or
 * detained from a traveller sent to the counter. The enforcement capability listens and creates the seizure record
 * linked to the traveller (as it does for cargo with {@code InspectionRecorded}), answering {@link TravellerSeizureLinked}.
 *
 * @param nationality ICAO 3-letter, as on the passport
 * @param departure   airport of embarkation from the passenger list ("" when unknown)
 */
public record TravellerSeizureRecorded(long gateEventId, String travellerName, LocalDate birthDate, String nationality,
                                       String flight, LocalDate arrivalDate, String departure, String office, boolean randomlySelected,
                                       String result, String goods, BigDecimal quantity, String unit, String concealment,
                                       String officer, Instant at) {
    public TravellerSeizureRecorded {
        Objects.requireNonNull(travellerName, "travellerName");
        Objects.requireNonNull(goods, "goods");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(at, "at");
    }
}
