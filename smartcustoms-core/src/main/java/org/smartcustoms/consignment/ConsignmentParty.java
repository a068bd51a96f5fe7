package org.smartcustoms.consignment;

import java.util.Locale;

import org.smartcustoms.codes.CodeLists;

/**
 * A seller or buyer of a low-value consignment: name and address country are required, the identifier (seller's
 * VAT/EORI or platform seller id, buyer's national id or customer number) is optional because private buyers often
 * have none.
 */
public record ConsignmentParty(String id, String name, String country) {
    private static final java.util.regex.Pattern NOT_NAME = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    public ConsignmentParty {
        id = Fields.optional(id, 35, "id");
        name = Fields.required(name, 140, "name");
        country = Fields.country(country, "country");
    }

    /**
     * A key that names the same party across consignments: the id when there is one, otherwise the name folded to
     * letters and digits plus the country (and, for buyers, the postcode) so that "J. Smith" and "j smith" meet.
     */
    String key(String postcode) {
        if (id != null) return "ID:" + id.toUpperCase(Locale.ROOT);
        String folded = NOT_NAME.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
        return "NM:" + folded + "|" + country + (postcode == null ? "" : "|" + postcode.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    static boolean knownCountry(String code) {
        return CodeLists.COUNTRIES.isValid(code);
    }
}
