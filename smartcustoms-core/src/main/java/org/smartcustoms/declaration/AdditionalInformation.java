package org.smartcustoms.declaration;

import java.util.Objects;

/**
 * WCO DM AdditionalInformation on an item: a statement code and its text. Also carries national data
 * elements that have no dedicated field (e.g. Korean payment type {@code PAYMENT_TYPE}, {@code TAX_RATE},
 * {@code ORIGIN_INDICATOR}).
 */
public record AdditionalInformation(String code, String text) {
    public AdditionalInformation {
        Objects.requireNonNull(code, "code");
        text = text == null ? "" : text.trim();
    }
}
