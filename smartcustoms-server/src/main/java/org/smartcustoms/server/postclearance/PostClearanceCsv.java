package org.smartcustoms.server.postclearance;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/** CSV exports of the post-clearance selection: a header line, one line per row, CRLF line ends. */
final class PostClearanceCsv {
    private PostClearanceCsv() { }

    static String declarations(List<PostClearanceAudit.DeclarationRisk> rows) {
        return csv(List.of("id", "lrn", "importer", "status", "riskScore", "probability",
                "potentialShortfall", "expectedRevenueAtRisk", "currency", "reasons"), rows, r -> List.of(r.id(), nz(r.lrn()),
                nz(r.importerId()), r.status(), r.riskScore() == null ? "" : r.riskScore().toString(), Double.toString(r.probability()),
                plain(r.potentialShortfall()), plain(r.expectedRevenueAtRisk()), r.currency(), String.join(" | ", r.reasons())));
    }

    static String companies(List<PostClearanceAudit.CompanyRisk> rows) {
        return csv(List.of("importer", "declarations", "flagged", "potentialShortfall",
                "expectedRevenueAtRisk", "currency", "reasons"), rows, r -> List.of(nz(r.importerId()),
                Integer.toString(r.declarations()), Integer.toString(r.flagged()), plain(r.potentialShortfall()),
                plain(r.expectedRevenueAtRisk()), r.currency(), String.join(" | ", r.reasons())));
    }

    static <T> String csv(List<String> header, List<T> rows, Function<T, List<String>> cells) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        for (T r : rows) line(sb, cells.apply(r));
        return sb.toString();
    }

    /** RFC 4180 quoting; cells starting like a formula get a leading apostrophe so spreadsheets do not run them. */
    static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+(\\.\\d+)?")) c = "'" + c;
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                c = '"' + c.replace("\"", "\"\"") + '"';
            }
            sb.append(c);
        }
        sb.append("\r\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String plain(BigDecimal b) {
        return b == null ? "" : b.toPlainString();
    }
}
