package org.smartcustoms.consignment;

import java.util.Locale;

import org.smartcustoms.codes.CodeLists;

/**
 * A seller or buyer of a low-value consignment: name and address country are required, the identifier (seller's
 * VAT/EORI or platform seller id, buyer's national id or customer number) is optional because private buyers often
 * have none.
 */
public record ConsignmentParty(String id, String name, String country) {
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
        String folded = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
        return "NM:" + folded + "|" + country + (postcode == null ? "" : "|" + postcode.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    static boolean knownCountry(String code) {
        return CodeLists.COUNTRIES.isValid(code);
    }
}
