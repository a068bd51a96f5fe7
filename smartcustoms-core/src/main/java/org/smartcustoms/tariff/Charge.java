package org.smartcustoms.tariff;

import org.smartcustoms.declaration.Money;

/**
 * One assessed charge (duty, excise or VAT) with its provenance, so the amount can be explained and audited:
 * {@code regime} is MFN, the preferential regime (EPA, GSP, ...), VAT or EXCISE; {@code agreement} the
 * preferential agreement code if any; {@code rate} the rate expression text ("none" when no rate applies);
 * {@code base} the ad valorem base; {@code amount} rounded to 2 decimals HALF_UP; {@code sourceLine} the line
 * of the rate file (0 when none).
 */
public record Charge(String regime, String agreement, String rate, Money base, Money amount, int sourceLine,
                     String reason) { }
