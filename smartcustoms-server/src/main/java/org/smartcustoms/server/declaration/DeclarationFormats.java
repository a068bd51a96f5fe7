package org.smartcustoms.server.declaration;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.declaration.bulk.BulkReader;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.declaration.bulk.JapanCsvReader;
import org.smartcustoms.declaration.bulk.KcsCsvReader;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.declaration.wco.WcoXmlReader;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/** The input formats a declaration can arrive in, behind one door: JSON, WCO DEC-DMS XML, KCS and Japan CSV. */
@Component
public class DeclarationFormats {
    private final WcoXmlReader xml = new WcoXmlReader();
    private final DeclarationJson json = new DeclarationJson();

    /** Parses one declaration by content type. */
    public Declaration parse(byte[] body, String contentType) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("xml")) return xml.read(body);
        if (ct.contains("json")) return json.read(body);
        throw new InvalidDeclarationException("", "UNSUPPORTED_MEDIA_TYPE",
                "Send application/json or application/xml, not " + contentType);
    }

    /** Parses a batch body: a JSON array of declarations, or CSV in the given format (kcs, jp). */
    public void parseBatch(byte[] body, String contentType, String format, Consumer<BulkRow> sink) throws IOException {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("json")) {
            JsonNode root;
            try {
                root = json.mapper().readTree(body);
            } catch (IOException e) {
                throw new InvalidDeclarationException("", "JSON_MALFORMED", "The batch is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()));
            }
            if (root == null || !root.isArray()) {
                throw new InvalidDeclarationException("", "JSON_NOT_ARRAY", "A JSON batch must be an array of declarations");
            }
            long row = 0;
            for (JsonNode n : root) {
                row++;
                try {
                    sink.accept(BulkRow.ok(row, json.read(json.mapper().writeValueAsBytes(n)), null));
                } catch (InvalidDeclarationException e) {
                    sink.accept(BulkRow.rejected(row, e.violations()));
                }
            }
            return;
        }
        BulkReader reader = csvReader(format);
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            reader.read(r, sink);
        }
    }

    /** The CSV reader for a format name. */
    public static BulkReader csvReader(String format) {
        if (format == null) throw new IllegalArgumentException("CSV needs ?format=kcs or ?format=jp");
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "kcs" -> new KcsCsvReader();
            case "jp" -> new JapanCsvReader();
            default -> throw new IllegalArgumentException("unknown format '" + format + "': use kcs, jp or wco-xml");
        };
    }

    /** Reads a file or every *.xml file of a directory as WCO DEC-DMS declarations, one row per file. */
    public void readXmlFiles(Path fileOrDir, Consumer<BulkRow> sink) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> s = Files.list(fileOrDir)) {
                files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".xml")).sorted().toList();
            }
        } else {
            files = List.of(fileOrDir);
        }
        long row = 0;
        for (Path f : files) {
            row++;
            try {
                sink.accept(BulkRow.ok(row, xml.read(Files.readAllBytes(f)), null));
            } catch (InvalidDeclarationException e) {
                sink.accept(BulkRow.rejected(row, e.violations().stream()
                        .map(v -> new Violation(f.getFileName() + ":" + v.path(), v.code(), v.message())).toList()));
            }
        }
    }
}
