package org.smartcustoms.consignment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the splitting check knows of one consignment: who bought from whom, when it arrives and its customs value
 * in national currency. Earlier consignments come from storage, new ones from the manifest being decided.
 */
public record Purchase(String consignmentId, String buyerKey, String sellerKey, LocalDate date, BigDecimal customsValue) {
    public Purchase {
        Objects.requireNonNull(consignmentId, "consignmentId");
        Objects.requireNonNull(buyerKey, "buyerKey");
        Objects.requireNonNull(sellerKey, "sellerKey");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(customsValue, "customsValue");
    }
}
