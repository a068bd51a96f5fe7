package org.smartcustoms.declaration;

import java.util.List;

/**
 * Rule {@value #CODE}: text fields carry no invisible or deceptive characters. Refused everywhere: C0 control
 * characters (U+0000-U+001F) other than tab, CR and LF, DEL and the C1 controls (U+007F-U+009F), the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069; "Trojan Source" text that
 * displays differently from what is stored), and unpaired surrogates (not text at all; PostgreSQL refuses
 * them). Identifiers and codes (LRN, office, party ids, code lists, references) refuse tab, CR and LF as well;
 * free text (descriptions, names, marks, statements, locations) may contain them.
 */
final class TextCharacters {
    static final String CODE = "TEXT_CHARACTERS";
    static final String DESCRIPTION = "Text fields contain no control characters, bidirectional overrides or isolates, "
            + "or unpaired surrogates; identifiers and codes contain no tab or line break either";

    private TextCharacters() { }

    /**
     * A declaration is checked field by field; the path of a field (e.g. {@code items[3].packaging[0].marks}) is
     * only put together for a field that breaks the rule, so a clean declaration costs one pass over its text.
     */
    static void check(Declaration d, ValidationRule.Findings f) {
        code(f, "lrn", null, d.lrn());
        if (d.type() != null) {
            code(f, "type.code", null, d.type().code());
            code(f, "type.additionalType", null, d.type().additionalType());
        }
        code(f, "officeId", null, d.officeId());
        text(f, "goodsLocation", null, d.goodsLocation());
        money(f, "invoiceAmount", d.invoiceAmount());
        code(f, "deliveryTerms", null, d.deliveryTerms());
        code(f, "referencedId", null, d.referencedId());
        for (Party p : d.parties()) {
            if (p == null) continue;
            code(f, p, ".id", p.id());
            text(f, p, ".name", p.name());
            code(f, p, ".country", p.country());
            code(f, p, ".category", p.category());
        }
        Transport t = d.transport();
        if (t != null) {
            code(f, "transport.borderModeCode", null, t.borderModeCode());
            code(f, "transport.inlandModeCode", null, t.inlandModeCode());
            code(f, "transport.nationality", null, t.nationality());
            code(f, "transport.meansId", null, t.meansId());
            code(f, "transport.meansTypeCode", null, t.meansTypeCode());
            text(f, "transport.loadingLocation", null, t.loadingLocation());
            text(f, "transport.unloadingLocation", null, t.unloadingLocation());
            code(f, "transport.departureCountry", null, t.departureCountry());
            code(f, "transport.containerFlag", null, t.containerFlag());
        }
        documents(f, "additionalDocuments", d.additionalDocuments());
        for (int k = 0; k < d.items().size(); k++) {
            GoodsItem i = d.items().get(k);
            if (i == null) continue;
            Item at = new Item(k);
            text(f, at, ".description", i.description());
            code(f, at, ".commodityCode", i.commodityCode());
            code(f, at, ".originCountry", i.originCountry());
            code(f, at, ".preferentialOriginCountry", i.preferentialOriginCountry());
            if (i.quantity() != null) code(f, at, ".quantity.unit", i.quantity().unit());
            money(f, at, ".statisticalValue", i.statisticalValue());
            money(f, at, ".customsValue", i.customsValue());
            code(f, at, ".valuationMethod", i.valuationMethod());
            code(f, at, ".procedureCode", i.procedureCode());
            for (int n = 0; n < i.additionalProcedures().size(); n++) {
                if (!clean(i.additionalProcedures().get(n), false)) {
                    code(f, at.path() + ".additionalProcedures[" + n + "]", null, i.additionalProcedures().get(n));
                }
            }
            code(f, at, ".preferenceCode", i.preferenceCode());
            if (!i.previousDocuments().isEmpty()) documents(f, at.path() + ".previousDocuments", i.previousDocuments());
            if (!i.additionalDocuments().isEmpty()) documents(f, at.path() + ".additionalDocuments", i.additionalDocuments());
            for (int n = 0; n < i.packaging().size(); n++) {
                Packaging p = i.packaging().get(n);
                if (p == null || (clean(p.typeCode(), false) && clean(p.marks(), true))) continue;
                code(f, at.path() + ".packaging[" + n + "].typeCode", null, p.typeCode());
                text(f, at.path() + ".packaging[" + n + "].marks", null, p.marks());
            }
            for (int n = 0; n < i.additionalInformation().size(); n++) {
                AdditionalInformation a = i.additionalInformation().get(n);
                if (a == null || (clean(a.code(), false) && clean(a.text(), true))) continue;
                code(f, at.path() + ".additionalInformation[" + n + "].code", null, a.code());
                text(f, at.path() + ".additionalInformation[" + n + "].text", null, a.text());
            }
        }
    }

    /** The start of a field's path, made when a field needs it: {@code parties[ROLE]} or {@code items[k]}. */
    private record Item(int index) {
        String path() { return "items[" + index + "]"; }
    }

    private static void documents(ValidationRule.Findings f, String at, List<DocumentRef> docs) {
        for (int n = 0; n < docs.size(); n++) {
            DocumentRef r = docs.get(n);
            if (r == null || (clean(r.category(), false) && clean(r.typeCode(), false) && clean(r.id(), false))) continue;
            code(f, at + "[" + n + "].category", null, r.category());
            code(f, at + "[" + n + "].typeCode", null, r.typeCode());
            code(f, at + "[" + n + "].id", null, r.id());
        }
    }

    private static void money(ValidationRule.Findings f, String at, Money m) {
        if (m != null) code(f, at + ".currency", null, m.currency());
    }

    private static void money(ValidationRule.Findings f, Object at, String field, Money m) {
        if (m != null) code(f, at, field + ".currency", m.currency());
    }

    private static void code(ValidationRule.Findings f, Object at, String field, String value) {
        if (!clean(value, false)) report(f, path(at, field), value, false);
    }

    private static void text(ValidationRule.Findings f, Object at, String field, String value) {
        if (!clean(value, true)) report(f, path(at, field), value, true);
    }

    /** {@code at} is a whole path (String, {@code field} null), a {@link Party} or an {@link Item}. */
    private static String path(Object at, String field) {
        if (field == null) return (String) at;
        if (at instanceof Party p) return "parties[" + p.role() + "]" + field;
        if (at instanceof Item i) return i.path() + field;
        return at + field;
    }

    /** True when no character of {@code value} (null: none) breaks the rule: the common case, checked without allocating. */
    private static boolean clean(String value, boolean freeText) {
        if (value == null) return true;
        for (int k = 0, n = value.length(); k < n; k++) {
            char c = value.charAt(k);
            if (c >= 0x20 && c < 0x7F) continue; // printable ASCII: always fine
            if (offending(value, k, c, freeText) != null) return false;
            if (Character.isHighSurrogate(c)) k++; // a valid pair: skip its low half
        }
        return true;
    }

    private static void report(ValidationRule.Findings f, String path, String value, boolean freeText) {
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            String what = offending(value, k, c, freeText);
            if (what != null) {
                f.report(path, "contains " + what + " (U+" + String.format("%04X", (int) c) + ") at character " + (k + 1)
                        + "; remove it");
                return;
            }
            if (Character.isHighSurrogate(c)) k++; // a valid pair: skip its low half
        }
    }

    /** What is wrong with the character at {@code k}, or null when it is acceptable. */
    static String offending(String s, int k, char c, boolean freeText) {
        if (c == '\t' || c == '\n' || c == '\r') return freeText ? null : "a tab or line break";
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return "a control character";
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return "a bidirectional override or isolate";
        if (Character.isHighSurrogate(c)) {
            return k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1)) ? null : "an unpaired surrogate";
        }
        if (Character.isLowSurrogate(c)) return "an unpaired surrogate";
        return null;
    }
}
