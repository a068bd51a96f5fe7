package org.smartcustoms.declaration.bulk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.declaration.json.DeclarationJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads JSON lines, one declaration per line, as {@code generate --format jsonl} writes them:
 * {@code {"declaration": {...}, "label": {"fraud": .., "criticalFraud": ..}, "fraudType": ...}}; a line that is a
 * bare declaration object (no {@code declaration} member) is read as the declaration itself. The declaration is
 * read by {@link DeclarationJson}, with the checks of the JSON API. Blank lines are skipped; row numbers are
 * 1-based line numbers among the non-blank lines. A line that is not valid JSON rejects that row only.
 */
public final class JsonLinesReader implements BulkReader {
    private final DeclarationJson json = new DeclarationJson();

    @Override
    public long read(Reader in, Consumer<BulkRow> sink) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        long row = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank()) continue;
            row++;
            sink.accept(toRow(row, line));
        }
        return row;
    }

    private BulkRow toRow(long row, String line) {
        JsonNode node;
        try {
            node = json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            return BulkRow.rejected(row, List.of(new Violation("", "JSON_MALFORMED", "row " + row + ": not valid JSON: "
                    + e.getOriginalMessage())));
        }
        if (node == null || !node.isObject()) {
            return BulkRow.rejected(row, List.of(new Violation("", "JSON_NOT_OBJECT", "row " + row + ": a line must be a JSON object")));
        }
        JsonNode declaration = node.has("declaration") ? node.get("declaration") : node;
        BulkRow.Label label = null;
        JsonNode l = node.get("label");
        if (node.has("declaration") && l != null && l.isObject() && l.hasNonNull("fraud")) {
            try {
                label = new BulkRow.Label(l.get("fraud").asBoolean(), l.path("criticalFraud").asInt(0));
            } catch (IllegalArgumentException e) {
                return BulkRow.rejected(row, List.of(new Violation("label", "JSON_BAD_LABEL", "row " + row + ": " + e.getMessage())));
            }
        }
        try {
            return BulkRow.ok(row, json.read(declaration.toString().getBytes(StandardCharsets.UTF_8)), label);
        } catch (InvalidDeclarationException e) {
            return BulkRow.rejected(row, e.violations());
        }
    }
}
