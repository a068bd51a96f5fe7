package org.smartcustoms.declaration;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one catalogue of the declaration's field names in words, for people: turns a violation path such as
 * {@code items[0].statisticalValue.amount} into "Item 1 — statistical value" and {@code parties[IMPORTER].id} into
 * "Importer id". Item numbers count from 1 in list order (the form's "Item 1", "Item 2"). A path not in the
 * catalogue is spelt out from its camel-case name, so a label is always readable.
 */
public final class FieldLabels {
    private FieldLabels() { }

    private static final Pattern ITEM = Pattern.compile("items\\[(\\d+)](?:\\.(.+))?");
    private static final Pattern PARTY = Pattern.compile("parties\\[([A-Z_]+)](?:\\.(.+))?");

    /** Field path (relative to the declaration, an item or a party) → words. */
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("functionCode", "function code"),
            Map.entry("referencedId", "referenced declaration"),
            Map.entry("lrn", "LRN (your reference)"),
            Map.entry("type", "declaration type"),
            Map.entry("officeId", "customs office"),
            Map.entry("declarationDate", "declaration date"),
            Map.entry("items", "goods items"),
            Map.entry("invoiceAmount", "invoice amount"),
            Map.entry("invoiceAmount.amount", "invoice amount"),
            Map.entry("invoiceAmount.currency", "invoice currency"),
            Map.entry("deliveryTerms", "delivery terms"),
            Map.entry("goodsLocation", "goods location"),
            Map.entry("transport.borderModeCode", "border transport mode"),
            Map.entry("transport.inlandModeCode", "inland transport mode"),
            Map.entry("transport.nationality", "nationality of the means of transport"),
            Map.entry("transport.departureCountry", "departure country"),
            Map.entry("transport.meansId", "means of transport id"),
            Map.entry("sequence", "item number"),
            Map.entry("description", "description"),
            Map.entry("commodityCode", "HS code"),
            Map.entry("originCountry", "country of origin"),
            Map.entry("preferentialOriginCountry", "preferential origin"),
            Map.entry("preferenceCode", "preference code"),
            Map.entry("customsValue", "customs value"),
            Map.entry("customsValue.amount", "customs value"),
            Map.entry("customsValue.currency", "currency of the customs value"),
            Map.entry("statisticalValue", "statistical value"),
            Map.entry("statisticalValue.amount", "statistical value"),
            Map.entry("statisticalValue.currency", "currency of the statistical value"),
            Map.entry("quantity", "quantity"),
            Map.entry("quantity.value", "quantity"),
            Map.entry("quantity.unit", "quantity unit"),
            Map.entry("netMassKg", "net mass (kg)"),
            Map.entry("grossMassKg", "gross mass (kg)"),
            Map.entry("procedureCode", "procedure"),
            Map.entry("valuationMethod", "valuation method"),
            Map.entry("id", "id"),
            Map.entry("name", "name"),
            Map.entry("country", "country"));

    /** The label of a violation path; "Declaration" for the empty path. */
    public static String label(String path) {
        if (path == null || path.isBlank()) return "Declaration";
        Matcher item = ITEM.matcher(path);
        if (item.matches()) {
            String n = "Item " + (Long.parseLong(item.group(1)) + 1);
            return item.group(2) == null ? n : n + " — " + field(item.group(2));
        }
        Matcher party = PARTY.matcher(path);
        if (party.matches()) {
            String role = capitalize(party.group(1).toLowerCase(Locale.ROOT).replace('_', ' '));
            return party.group(2) == null ? role : role + " " + field(party.group(2));
        }
        return capitalize(field(path));
    }

    private static String field(String path) {
        String known = FIELDS.get(path);
        if (known != null) return known;
        String last = path.substring(path.lastIndexOf('.') + 1);
        known = FIELDS.get(last);
        return known != null ? known : last.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
