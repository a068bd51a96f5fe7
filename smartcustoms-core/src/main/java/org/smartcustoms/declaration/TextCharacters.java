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

    static void check(Declaration d, ValidationRule.Findings f) {
        code(f, "lrn", d.lrn());
        if (d.type() != null) {
            code(f, "type.code", d.type().code());
            code(f, "type.additionalType", d.type().additionalType());
        }
        code(f, "officeId", d.officeId());
        text(f, "goodsLocation", d.goodsLocation());
        money(f, "invoiceAmount", d.invoiceAmount());
        code(f, "deliveryTerms", d.deliveryTerms());
        code(f, "referencedId", d.referencedId());
        for (Party p : d.parties()) {
            if (p == null) continue;
            String at = "parties[" + p.role() + "]";
            code(f, at + ".id", p.id());
            text(f, at + ".name", p.name());
            code(f, at + ".country", p.country());
            code(f, at + ".category", p.category());
        }
        Transport t = d.transport();
        if (t != null) {
            code(f, "transport.borderModeCode", t.borderModeCode());
            code(f, "transport.inlandModeCode", t.inlandModeCode());
            code(f, "transport.nationality", t.nationality());
            code(f, "transport.meansId", t.meansId());
            code(f, "transport.meansTypeCode", t.meansTypeCode());
            text(f, "transport.loadingLocation", t.loadingLocation());
            text(f, "transport.unloadingLocation", t.unloadingLocation());
            code(f, "transport.departureCountry", t.departureCountry());
            code(f, "transport.containerFlag", t.containerFlag());
        }
        documents(f, "additionalDocuments", d.additionalDocuments());
        for (int k = 0; k < d.items().size(); k++) {
            GoodsItem i = d.items().get(k);
            if (i == null) continue;
            String at = "items[" + k + "]";
            text(f, at + ".description", i.description());
            code(f, at + ".commodityCode", i.commodityCode());
            code(f, at + ".originCountry", i.originCountry());
            code(f, at + ".preferentialOriginCountry", i.preferentialOriginCountry());
            if (i.quantity() != null) code(f, at + ".quantity.unit", i.quantity().unit());
            money(f, at + ".statisticalValue", i.statisticalValue());
            money(f, at + ".customsValue", i.customsValue());
            code(f, at + ".valuationMethod", i.valuationMethod());
            code(f, at + ".procedureCode", i.procedureCode());
            for (int n = 0; n < i.additionalProcedures().size(); n++) {
                code(f, at + ".additionalProcedures[" + n + "]", i.additionalProcedures().get(n));
            }
            code(f, at + ".preferenceCode", i.preferenceCode());
            documents(f, at + ".previousDocuments", i.previousDocuments());
            documents(f, at + ".additionalDocuments", i.additionalDocuments());
            for (int n = 0; n < i.packaging().size(); n++) {
                Packaging p = i.packaging().get(n);
                if (p == null) continue;
                code(f, at + ".packaging[" + n + "].typeCode", p.typeCode());
                text(f, at + ".packaging[" + n + "].marks", p.marks());
            }
            for (int n = 0; n < i.additionalInformation().size(); n++) {
                AdditionalInformation a = i.additionalInformation().get(n);
                if (a == null) continue;
                code(f, at + ".additionalInformation[" + n + "].code", a.code());
                text(f, at + ".additionalInformation[" + n + "].text", a.text());
            }
        }
    }

    private static void documents(ValidationRule.Findings f, String at, List<DocumentRef> docs) {
        for (int n = 0; n < docs.size(); n++) {
            DocumentRef r = docs.get(n);
            if (r == null) continue;
            code(f, at + "[" + n + "].category", r.category());
            code(f, at + "[" + n + "].typeCode", r.typeCode());
            code(f, at + "[" + n + "].id", r.id());
        }
    }

    private static void money(ValidationRule.Findings f, String at, Money m) {
        if (m != null) code(f, at + ".currency", m.currency());
    }

    private static void code(ValidationRule.Findings f, String path, String value) {
        check(f, path, value, false);
    }

    private static void text(ValidationRule.Findings f, String path, String value) {
        check(f, path, value, true);
    }

    private static void check(ValidationRule.Findings f, String path, String value, boolean freeText) {
        if (value == null) return;
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
