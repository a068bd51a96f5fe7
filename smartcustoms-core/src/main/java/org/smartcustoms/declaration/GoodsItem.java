package org.smartcustoms.declaration;

import java.math.BigDecimal;
import java.util.List;

/**
 * One goods item (WCO GovernmentAgencyGoodsItem). {@code commodityCode} is the HS / combined nomenclature
 * code, digits only, 6 to 10 long (the XML reader joins the classification IDs). {@code procedureCode} is
 * the requested + previous procedure (e.g. "4000"); {@code additionalProcedures} are the 3-character
 * additional procedure codes. Values may be null when the declaration type does not require them; the
 * {@link DeclarationValidator} decides that.
 */
public record GoodsItem(int sequence, String description, String commodityCode, String originCountry,
                        String preferentialOriginCountry, Quantity quantity, BigDecimal netMassKg,
                        BigDecimal grossMassKg, Money statisticalValue, Money customsValue, String valuationMethod,
                        String procedureCode, List<String> additionalProcedures, String preferenceCode,
                        List<DocumentRef> previousDocuments, List<DocumentRef> additionalDocuments,
                        List<Packaging> packaging, List<AdditionalInformation> additionalInformation) {
    public GoodsItem {
        description = Party.blankToNull(description);
        commodityCode = commodityCode == null ? null : commodityCode.replaceAll("[\\s.]", "");
        originCountry = originCountry == null || originCountry.isBlank() ? null : originCountry.trim().toUpperCase(java.util.Locale.ROOT);
        preferentialOriginCountry = preferentialOriginCountry == null || preferentialOriginCountry.isBlank() ? null
                : preferentialOriginCountry.trim().toUpperCase(java.util.Locale.ROOT);
        additionalProcedures = additionalProcedures == null ? List.of() : List.copyOf(additionalProcedures);
        previousDocuments = previousDocuments == null ? List.of() : List.copyOf(previousDocuments);
        additionalDocuments = additionalDocuments == null ? List.of() : List.copyOf(additionalDocuments);
        packaging = packaging == null ? List.of() : List.copyOf(packaging);
        additionalInformation = additionalInformation == null ? List.of() : List.copyOf(additionalInformation);
    }

    /** The text of the first additional information with this code, or null. */
    public String info(String code) {
        for (AdditionalInformation a : additionalInformation) if (a.code().equals(code)) return a.text(); // hot in scoring
        return null;
    }

    /** The first six digits (the international HS subheading), or the whole code if shorter. */
    public String hs6() {
        if (commodityCode == null) return null;
        return commodityCode.length() >= 6 ? commodityCode.substring(0, 6) : commodityCode;
    }

    /**
     * The item's declared value, by the one value-precedence rule: customs value, else statistical value; null
     * when neither is declared. {@link Declaration#valueOf} adds the invoice amount of a one-item declaration.
     */
    public Money declaredValue() {
        return customsValue != null ? customsValue : statisticalValue;
    }

    /** A minimal item, convenient for tests and generators. */
    public static GoodsItem simple(int sequence, String description, String commodityCode, String origin,
                                   Quantity quantity, BigDecimal netMassKg, Money value) {
        return new GoodsItem(sequence, description, commodityCode, origin, null, quantity, netMassKg, netMassKg,
                value, value, "1", "4000", List.of(), null, List.of(), List.of(), List.of(), List.of());
    }
}
