package org.smartcustoms.server.declaration;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input formats a declaration can arrive in, behind one door: JSON, WCO DEC-DMS XML, KCS and Japan CSV.
 *
 * <p>Bodies are checked against what they claim before any of them is read: JSON and CSV must be UTF-8 (a
 * {@code charset} parameter naming anything else is refused: {@link UnsupportedCharsetProblem}, 415) and are
 * decoded strictly (invalid bytes, UTF-16, NUL bytes: {@link BadEncodingProblem}, 400); an XML body's
 * {@code charset} parameter must agree with its XML declaration (415). A CSV file whose structure is broken
 * (missing columns, unbalanced quotes) is refused whole ({@code CSV_MALFORMED}, 422) before any of its rows is
 * submitted.
 */
@Component
public class DeclarationFormats {
    private final WcoXmlReader xml = new WcoXmlReader();
    private final DeclarationJson json = new DeclarationJson();

    /** Parses one declaration by content type. */
    public Declaration parse(byte[] body, String contentType) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("xml")) {
            checkXmlCharset(body, declaredCharset(contentType));
            return withoutReservedCodes(xml.read(body));
        }
        if (ct.contains("json")) {
            requireUtf8(body, declaredCharset(contentType), "JSON");
            return withoutReservedCodes(json.read(body));
        }
        throw new InvalidDeclarationException("", "UNSUPPORTED_MEDIA_TYPE",
                "Send application/json or application/xml, not " + contentType);
    }

    /**
     * The item information {@link org.smartcustoms.declaration.DeclarationValidator#DATA_SET} is set only by the bulk
     * readers of data sets that lack some elements (KCS has no goods description); a JSON or XML sender may not claim it.
     */
    private static Declaration withoutReservedCodes(Declaration d) {
        List<org.smartcustoms.declaration.Violation> v = new java.util.ArrayList<>();
        for (int i = 0; i < d.items().size(); i++) {
            for (var info : d.items().get(i).additionalInformation()) {
                if (org.smartcustoms.declaration.DeclarationValidator.DATA_SET.equals(info.code())) {
                    v.add(new org.smartcustoms.declaration.Violation("items[" + i + "].additionalInformation", "RESERVED_CODE",
                            "Item " + (i + 1) + ": additional information code " + info.code() + " is reserved for bulk data-set imports"));
                }
            }
        }
        if (!v.isEmpty()) throw new InvalidDeclarationException(v);
        return d;
    }

    /** Parses a batch body: a JSON array of declarations, or CSV in the given format (kcs, jp). */
    public void parseBatch(byte[] body, String contentType, String format, Consumer<BulkRow> sink) throws IOException {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String charset = declaredCharset(contentType);
        if (ct.contains("json")) {
            requireUtf8(body, charset, "JSON");
            JsonNode root;
            try {
                root = json.mapper().readTree(body);
            } catch (IOException e) {
                String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : null;
                boolean duplicate = why != null && why.startsWith("Duplicate field");
                throw new InvalidDeclarationException("", duplicate ? "JSON_DUPLICATE_KEY" : "JSON_MALFORMED", "The batch is not valid JSON"
                        + (why == null ? "" : ": " + why.replaceAll(",? ?from `[^`]*`", "").replaceAll(" \\(for .*", ""))
                        + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                            ? " (line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")" : ""));
            }
            if (root == null || !root.isArray()) {
                throw new InvalidDeclarationException("", "JSON_NOT_ARRAY", "A JSON batch must be an array of declarations");
            }
            long row = 0;
            for (JsonNode n : root) {
                row++;
                try {
                    sink.accept(BulkRow.ok(row, withoutReservedCodes(json.read(json.mapper().writeValueAsBytes(n))), null));
                } catch (InvalidDeclarationException e) {
                    sink.accept(BulkRow.rejected(row, e.violations()));
                }
            }
            return;
        }
        BulkReader reader = csvReader(format);
        String text = requireUtf8(body, charset, "CSV");
        // First pass: the structure of the whole file (header, quoting), so that a file broken half-way is
        // refused before any of its rows is submitted. Second pass: the rows, one by one.
        readCsv(reader, text, row -> { });
        readCsv(reader, text, sink);
    }

    private static void readCsv(BulkReader reader, String text, Consumer<BulkRow> sink) {
        try (Reader r = new StringReader(text)) {
            reader.read(r, row -> {
                try {
                    sink.accept(row);
                } catch (RuntimeException e) {
                    throw new SinkFailure(e); // a failure of intake, not of the file: passed on as it is
                }
            });
        } catch (SinkFailure e) {
            throw (RuntimeException) e.getCause();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // commons-csv reports unbalanced quotes as UncheckedIOException or IllegalStateException
            Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
            throw new InvalidDeclarationException("", "CSV_MALFORMED", "The CSV file cannot be read"
                    + (t.getMessage() == null ? "" : ": " + csvMessage(t.getMessage())) + "; nothing was submitted.");
        }
    }

    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /** commons-csv messages name its own classes and positions; keep the sentence. */
    private static String csvMessage(String m) {
        String s = m.replaceAll("(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error): ?", "");
        int n = s.indexOf('\n');
        return n > 0 ? s.substring(0, n) : s;
    }

    /** The {@code charset} parameter of a content type, or null. A malformed content type is refused (415). */
    static String declaredCharset(String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        try {
            String c = MediaType.parseMediaType(contentType).getParameter("charset");
            return c == null ? null : c.replace("\"", "").trim();
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedCharsetProblem("The content type '" + abbreviate(contentType) + "' is malformed.");
        }
    }

    /**
     * The body decoded as strict UTF-8: a declared charset other than UTF-8 (or its subset US-ASCII) is refused
     * (415), bytes that are not UTF-8 (including UTF-16 and NUL bytes) are refused (400).
     */
    static String requireUtf8(byte[] body, String declared, String what) {
        if (declared != null && !declared.equalsIgnoreCase("utf-8") && !declared.equalsIgnoreCase("utf8")
                && !declared.equalsIgnoreCase("us-ascii")) {
            throw new UnsupportedCharsetProblem(what + " must be sent in UTF-8, not charset=" + abbreviate(declared) + ".");
        }
        String text = decode(body, StandardCharsets.UTF_8, what);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new BadEncodingProblem("The " + what + " body contains a NUL byte at byte " + nul
                    + "; it looks like UTF-16 or binary data, send UTF-8 text.");
        }
        return text;
    }

    /** An XML body whose charset parameter contradicts its XML declaration (or its bytes) is refused. */
    static void checkXmlCharset(byte[] body, String declared) {
        if (declared == null) return;
        Charset header;
        try {
            header = Charset.forName(declared);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedCharsetProblem("Unknown charset=" + abbreviate(declared) + ".");
        }
        String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = XML_ENCODING.matcher(head);
        boolean ascii = !(body.length >= 2 && (body[0] == 0 || body[1] == 0 || (body[0] & 0xFF) >= 0xFE));
        if (m.find() && ascii) {
            Charset prolog;
            try {
                prolog = Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return; // the XML reader names the unsupported encoding
            }
            if (!prolog.equals(header)) {
                throw new UnsupportedCharsetProblem("The content type says charset=" + abbreviate(declared)
                        + " but the XML declaration says encoding=\"" + abbreviate(m.group(1)) + "\"; send one encoding.");
            }
        } else if (!ascii && !header.name().startsWith("UTF-16")) {
            throw new UnsupportedCharsetProblem("The content type says charset=" + abbreviate(declared)
                    + " but the body is UTF-16.");
        } else if (ascii && header.name().startsWith("UTF-16")) {
            throw new UnsupportedCharsetProblem("The content type says charset=" + abbreviate(declared)
                    + " but the body is not UTF-16.");
        }
        decode(body, header, "XML");
    }

    private static final java.util.regex.Pattern XML_ENCODING =
            java.util.regex.Pattern.compile("^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private static String decode(byte[] body, Charset charset, String what) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadEncodingProblem("The " + what + " body is not valid " + charset.name()
                    + " (invalid byte sequence); send " + charset.name() + " text.");
        }
    }

    private static String abbreviate(String s) {
        String t = s.replaceAll("[^\\x20-\\x7E]", "?");
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }

    /** The body's declared charset is not one we accept, or contradicts the body (415). */
    public static final class UnsupportedCharsetProblem extends RuntimeException {
        public UnsupportedCharsetProblem(String message) {
            super(message);
        }
    }

    /** The body's bytes are not text in the expected encoding (400). */
    public static final class BadEncodingProblem extends RuntimeException {
        public BadEncodingProblem(String message) {
            super(message);
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
