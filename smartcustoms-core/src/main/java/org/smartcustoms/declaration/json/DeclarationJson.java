package org.smartcustoms.declaration.json;

import org.smartcustoms.declaration.LimitedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Violation;

/**
 * The JSON form of a {@link Declaration}: the record's own field names (camelCase), ISO dates, plain decimals.
 * One preconfigured, strict Jackson mapper so that REST, CLI and tests agree on the format and every input error
 * becomes an {@link InvalidDeclarationException} naming where it is:
 * {@code JSON_MALFORMED} (with line/column), {@code JSON_DUPLICATE_KEY} (a key twice in one object: the reader
 * would otherwise keep the last one silently), {@code JSON_UNKNOWN_FIELD}, {@code JSON_BAD_VALUE} (path such as
 * {@code items[0].netMassKg}), {@code JSON_TOO_COMPLEX} (nesting, number or string length beyond the parser's
 * limits) and {@code JSON_TOO_LARGE} (limit enforced while reading).
 * {@code type} reads as {@code "IMA"} or {@code {"code":"IM","additionalType":"A"}} and is written as the object.
 * Missing or null lists read as empty. Thread-safe.
 */
public final class DeclarationJson {
    /** Default maximum document size: 5 MiB. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    private final ObjectMapper mapper;
    /** The mapper's writer that leaves the target stream open. */
    private final com.fasterxml.jackson.databind.ObjectWriter streaming;
    private final long maxBytes;

    public DeclarationJson() {
        this(DEFAULT_MAX_BYTES);
    }

    public DeclarationJson(long maxBytes) {
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive");
        this.maxBytes = maxBytes;
        this.mapper = newMapper();
        this.streaming = mapper.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** A copy of the configured mapper, e.g. for a web framework's message converter. */
    public ObjectMapper mapper() {
        return mapper.copy();
    }

    public Declaration read(byte[] json) {
        Objects.requireNonNull(json, "json");
        if (json.length > maxBytes) throw tooLarge();
        return read(new ByteArrayInputStream(json));
    }

    public Declaration read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one declaration object; the stream is read at most up to the size limit and not closed. */
    public Declaration read(InputStream in) {
        Objects.requireNonNull(in, "in");
        LimitedInputStream limited = new LimitedInputStream(in, maxBytes);
        try (JsonParser p = mapper.createParser(limited)) {
            JsonToken first = p.nextToken();
            if (first == null) throw malformed("empty document", p.currentLocation());
            if (first != JsonToken.START_OBJECT) {
                throw malformed("expected a JSON object but found " + describe(first), p.currentTokenLocation());
            }
            Declaration d = mapper.readValue(p, Declaration.class);
            JsonToken trailing = p.nextToken();
            if (trailing != null) throw malformed("unexpected content after the declaration", p.currentTokenLocation());
            return d;
        } catch (InvalidDeclarationException e) {
            throw e;
        } catch (IOException e) {
            if (limited.exceeded()) throw tooLarge();
            throw translate(e);
        } catch (RuntimeException e) {
            if (limited.exceeded()) throw tooLarge();
            throw e;
        }
    }

    public byte[] write(Declaration declaration) {
        try {
            return mapper.writeValueAsBytes(Objects.requireNonNull(declaration, "declaration"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #write(Declaration)} straight into {@code out} (which is not closed), without an intermediate array. */
    public void write(Declaration declaration, java.io.OutputStream out) throws IOException {
        streaming.writeValue(out, Objects.requireNonNull(declaration, "declaration"));
    }

    public String writeString(Declaration declaration) {
        return new String(write(declaration), StandardCharsets.UTF_8);
    }

    private static ObjectMapper newMapper() {
        SimpleModule types = new SimpleModule("smartcustoms-declaration");
        types.addDeserializer(DeclarationType.class, new DeclarationTypeDeserializer());
        types.addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer());
        types.addDeserializer(String.class, new StorableTextDeserializer());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
                .addModule(types)
                // Only record components: convenience methods such as isAmendment() are not part of the format.
                .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // [null] inside a list is an error with its index, not a NullPointerException in a record.
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
    }

    private InvalidDeclarationException tooLarge() {
        return new InvalidDeclarationException("$", "JSON_TOO_LARGE", "JSON document exceeds the limit of " + maxBytes + " bytes");
    }

    private static InvalidDeclarationException malformed(String what, JsonLocation at) {
        return new InvalidDeclarationException("$", "JSON_MALFORMED", what + " (" + position(at) + ")");
    }

    private static InvalidDeclarationException translate(IOException e) {
        // a code refused where it is parsed (e.g. FunctionCode.of) keeps its own violation code, at the JSON path
        if (e instanceof JsonMappingException m) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof InvalidDeclarationException refused) {
                    String at = path(m);
                    return new InvalidDeclarationException(refused.violations().stream()
                            .map(v -> new Violation(at.equals("$") ? v.path() : at, v.code(), v.message())).toList());
                }
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof StreamConstraintsException limit) {
                return new InvalidDeclarationException("$", "JSON_TOO_COMPLEX", syntaxMessage(limit.getOriginalMessage()));
            }
            if (c instanceof StreamReadException r && r.getOriginalMessage() != null
                    && r.getOriginalMessage().startsWith("Duplicate field '")) {
                String m = r.getOriginalMessage();
                String key = m.substring("Duplicate field '".length(), Math.max("Duplicate field '".length(), m.lastIndexOf('\'')));
                return new InvalidDeclarationException(duplicatePath(r, key), "JSON_DUPLICATE_KEY", "the key \"" + key
                        + "\" appears twice in the same object (" + position(r.getLocation()) + "); send it once");
            }
        }
        // Databind wraps syntax errors met inside a value with a path; they are still syntax errors.
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof StreamReadException r && !(c instanceof DatabindException)) {
                return new InvalidDeclarationException("$", "JSON_MALFORMED", "malformed JSON at "
                        + position(r.getLocation()) + ": " + syntaxMessage(r.getOriginalMessage()));
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String path = path(u);
            return new InvalidDeclarationException(path, "JSON_UNKNOWN_FIELD", "unknown field \"" + u.getPropertyName()
                    + "\" (" + position(u.getLocation()) + "); known fields: " + u.getKnownPropertyIds());
        }
        if (e instanceof JsonMappingException m) {
            return new InvalidDeclarationException(path(m), "JSON_BAD_VALUE", badValueMessage(m) + " ("
                    + position(m.getLocation()) + ")");
        }
        if (e instanceof JsonProcessingException j) {
            return new InvalidDeclarationException("$", "JSON_MALFORMED", "malformed JSON at " + position(j.getLocation())
                    + ": " + syntaxMessage(j.getOriginalMessage()));
        }
        throw new UncheckedIOException("reading declaration JSON failed", e);
    }

    /**
     * Drops Jackson's "(for Array starting at [Source: REDACTED ...])" tail (the position is reported separately)
     * and its hints naming its own classes and settings, e.g. "(1000, from `StreamReadConstraints.getMaxNestingDepth()`)"
     * becomes "(1000)".
     */
    static String syntaxMessage(String m) {
        if (m == null) return "syntax error";
        int i = m.indexOf(" (for ");
        String s = i > 0 ? m.substring(0, i) : m;
        s = s.replaceAll(",? ?from `[^`]*`", "").replaceAll(" ?\\([^()]*`[^()]*\\)", "");
        int hint = s.indexOf("; (set ");
        if (hint < 0) hint = s.indexOf(" (set ");
        return hint > 0 ? s.substring(0, hint) : s;
    }

    /** The path of a duplicate key, from the parser's context, e.g. {@code items[0].commodityCode}. */
    private static String duplicatePath(StreamReadException r, String key) {
        if (!(r.getProcessor() instanceof JsonParser p)) return key;
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            else if (c.getCurrentName() != null) parts.addFirst("." + c.getCurrentName());
        }
        parts.addLast("." + key);
        return String.join("", parts).substring(1);
    }

    private static String badValueMessage(JsonMappingException e) {
        if (e instanceof InvalidNullException) return "null is not allowed here";
        if (e instanceof InvalidFormatException f) {
            String reason = f.getOriginalMessage() != null && f.getOriginalMessage().contains("out of range")
                    ? f.getOriginalMessage().substring(f.getOriginalMessage().indexOf("out of range")) : null;
            return quote(f.getValue()) + " is not a valid " + describe(f.getTargetType()) + (reason == null ? "" : ": " + reason);
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            if (cause instanceof NullPointerException && cause.getMessage() != null) {
                return "required value \"" + cause.getMessage() + "\" is missing";
            }
            return "invalid " + describe(v.getType() == null ? null : v.getType().getRawClass()) + ": " + cause.getMessage();
        }
        String original = e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage();
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            String expected = describe(mi.getTargetType());
            if (original.startsWith("Cannot map `null`")) return "a " + expected + " is required here, not null or missing";
            java.util.regex.Matcher found = FOUND.matcher(original);
            if (found.find()) return "expected " + expected + ", found " + found.group(1).toLowerCase(java.util.Locale.ROOT);
            if (!original.startsWith("Cannot")) return original;
            return "expected " + expected;
        }
        return original;
    }

    private static final java.util.regex.Pattern FOUND =
            java.util.regex.Pattern.compile("from (Object|Array|String|Integer|Floating-point|Boolean|Null) value");

    /** Jackson's reference chain as {@code items[0].netMassKg}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    private static String position(JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "unknown position" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static String quote(Object v) {
        String s = String.valueOf(v);
        if (s.length() > 40) s = s.substring(0, 40) + "...";
        return v instanceof String ? "\"" + s + "\"" : s;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String describe(Class<?> type) {
        if (type == null) return "value";
        if (type.isEnum()) return "value, one of " + java.util.Arrays.toString(type.getEnumConstants());
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == BigDecimal.class) {
            return type == Integer.class || type == int.class ? "whole number" : "number";
        }
        if (Temporal.class.isAssignableFrom(type)) return "date (YYYY-MM-DD)";
        if (type == String.class) return "string";
        if (Collection.class.isAssignableFrom(type)) return "array";
        if (type == DeclarationType.class) return "declaration type (e.g. \"IMA\" or {\"code\":\"IM\",\"additionalType\":\"A\"})";
        return type.getSimpleName() + " object";
    }
}
