package org.smartcustoms.server.consignment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.smartcustoms.consignment.ConsignmentStatus;

/**
 * A stored consignment as the API shows it: the submitter's release notification ({@code notice}) with status,
 * duty and taxes; the risk score and reasons only for customs users (null, and so left out, for traders).
 */
public record ConsignmentView(String consignmentId, String manifestId, int row, String houseDocument, String sellerName,
                              String buyerName, String buyerCountry, String platformId, String description, String hs6,
                              BigDecimal value, String currency, String origin, BigDecimal customsValue, BigDecimal duty,
                              BigDecimal excise, BigDecimal vat, BigDecimal total, String nationalCurrency,
                              boolean dutyRelieved, boolean vatRelieved, ConsignmentStatus status, String notice,
                              Instant decidedAt, Integer score, List<String> reasons) {

    /** The same view without what only customs may see. */
    ConsignmentView forTrader() {
        return new ConsignmentView(consignmentId, manifestId, row, houseDocument, sellerName, buyerName, buyerCountry,
                platformId, description, hs6, value, currency, origin, customsValue, duty, excise, vat, total,
                nationalCurrency, dutyRelieved, vatRelieved, status, notice, decidedAt, null, null);
    }
}
