package org.smartcustoms.consignment;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

import org.smartcustoms.codes.CodeLists;

/**
 * One low-value consignment as platforms and carriers declare it (the EU H7 data set, Japan's low-value import
 * data): one goods line per consignment. Validated here; a record that exists is complete.
 *
 * @param consignmentId   the submitter's unique reference of the consignment (letters, digits, . _ / : -)
 * @param houseDocument   house air waybill, house bill or parcel tracking number (transport document)
 * @param masterDocument  master air waybill or bill of lading the consignment travels under, optional
 * @param seller          seller (name, address country, optional id)
 * @param buyer           buyer/consignee (name, address country, optional id)
 * @param buyerPostcode   the buyer's postcode, optional (tells buyers without an id apart)
 * @param platformId      the e-commerce platform (marketplace) through which it was sold, optional
 * @param description     plain-language description of the goods
 * @param hs6             6-digit HS subheading
 * @param quantity        number of pieces (or units), greater than zero
 * @param grossMassKg     gross mass in kg, optional
 * @param value           intrinsic value (price paid) in {@code currency}, zero or more
 * @param currency        ISO 4217 currency of the value
 * @param origin          country of origin (ISO alpha-2)
 * @param dispatchCountry country the consignment was dispatched from, optional
 */
public record LowValueConsignment(String consignmentId, String houseDocument, String masterDocument,
                                  ConsignmentParty seller, ConsignmentParty buyer, String buyerPostcode, String platformId,
                                  String description, String hs6, BigDecimal quantity, BigDecimal grossMassKg,
                                  BigDecimal value, String currency, String origin, String dispatchCountry) {

    /** Longest consignment id. */
    public static final int MAX_ID = 70;

    public LowValueConsignment {
        consignmentId = Fields.reference(consignmentId, MAX_ID, "consignment_id");
        houseDocument = Fields.reference(houseDocument, 70, "house_document");
        masterDocument = masterDocument == null || masterDocument.isBlank() ? null : Fields.reference(masterDocument, 70, "master_document");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        buyerPostcode = Fields.optional(buyerPostcode, 17, "buyer_postcode");
        platformId = Fields.optional(platformId, 35, "platform_id");
        description = Fields.required(description, 512, "description");
        hs6 = Fields.required(hs6, 6, "hs6");
        if (!Fields.sixDigits(hs6)) throw new IllegalArgumentException("hs6 must be 6 digits, got '" + hs6 + "'");
        quantity = Fields.positive(quantity, "quantity");
        grossMassKg = grossMassKg == null ? null : Fields.positive(grossMassKg, "gross_mass_kg");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) throw new IllegalArgumentException("value must not be negative");
        value = Fields.bounded(value, "value");
        currency = Fields.required(currency, 3, "currency").toUpperCase(Locale.ROOT);
        if (!CodeLists.CURRENCIES.isValid(currency)) throw new IllegalArgumentException("currency must be an ISO 4217 code, got '" + currency + "'");
        origin = Fields.country(origin, "origin");
        dispatchCountry = Fields.optionalCountry(dispatchCountry, "dispatch_country");
    }

    /** The buyer as the splitting check groups consignments (id, or folded name + country + postcode). */
    public String buyerKey() {
        return buyer.key(buyerPostcode);
    }

    /** The seller as the splitting check groups consignments (id, or folded name + country). */
    public String sellerKey() {
        return seller.key(null);
    }
}
