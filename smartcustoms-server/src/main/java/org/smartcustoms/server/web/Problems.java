package org.smartcustoms.server.web;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.smartcustoms.declaration.FieldError;
import org.smartcustoms.declaration.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds RFC 7807 problem documents with our type URIs and, for validation, the list of violations. */
public final class Problems {
    private Problems() { }

    public static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://smartcustoms.org/problems/" + status.name().toLowerCase().replace('_', '-')));
        return p;
    }

    /** A problem document for any status code (e.g. one a servlet container or the framework produced). */
    public static ProblemDetail of(int status, String detail) {
        HttpStatus s = HttpStatus.resolve(status);
        if (s != null) return of(s, detail);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(status), detail);
        p.setType(URI.create("https://smartcustoms.org/problems/http-" + status));
        p.setTitle("HTTP " + status);
        return p;
    }

    private static final Pattern QUALIFIED_CLASS = Pattern.compile("\\b(?:[a-z_$][a-z0-9_$]*\\.){2,}([A-Z][\\w$]*)");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");
    private static final Pattern FRAMEWORK_HINT = Pattern.compile(
            "\\s*[(;]\\s*(?:set |through reference chain|for [A-Z][a-z]+ starting at|from `)[^)]*\\)?|\\s*\\[Source: [^\\]]*\\]"
            + "|,\\s*from `[^`]*`");
    private static final Pattern FEATURE_NAME = Pattern.compile("`?\\b(?:[A-Z][A-Za-z]+\\.)?(?:FAIL_ON|ACCEPT|ALLOW|USE|READ|WRITE)_[A-Z_]+\\b`?");
    private static final Pattern STACK_FRAME = Pattern.compile("\\s*\\bat [\\w$.]+\\([^)]*\\)");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile(
            "(?<![\\w.:/])(?:[A-Za-z]:\\\\(?:[^\\\\\\s\"']+\\\\)+|/(?!api/|v3/|actuator/)(?:[\\w.@+~-]+/)+)([\\w.@+~-]*)");

    /**
     * A message with the server's internals taken out, for texts that may carry them from a library or the JDK:
     * qualified class names become their simple name, exception class names, Jackson feature names, parser
     * hints ("[Source: ...]", "(through reference chain ...)", ", from `StreamReadConstraints...`") and stack frames are dropped, and an absolute
     * file system path keeps only its last element.
     */
    public static String sanitize(String message) {
        if (message == null) return null;
        String s = STACK_FRAME.matcher(message).replaceAll("");
        s = FRAMEWORK_HINT.matcher(s).replaceAll("");
        s = ABSOLUTE_PATH.matcher(s).replaceAll("$1");
        s = QUALIFIED_CLASS.matcher(s).replaceAll("$1");
        s = EXCEPTION_NAME.matcher(s).replaceAll("");
        s = FEATURE_NAME.matcher(s).replaceAll("");
        s = s.replaceAll("\\s{2,}", " ").trim();
        return s.isEmpty() ? "The request could not be processed." : s;
    }

    /**
     * The violations for people: each with its label, and one entry per problem (the same sentence reported twice
     * for the same field, e.g. by two rules, is listed once).
     */
    public static List<FieldError> fieldErrors(List<Violation> violations) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return violations.stream().map(FieldError::of).filter(e -> seen.add(e.label() + "\u0000" + e.message())).toList();
    }

    public static ProblemDetail invalid(String detail, List<Violation> violations) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, detail);
        p.setType(URI.create("https://smartcustoms.org/problems/invalid-declaration"));
        p.setTitle("Invalid declaration");
        p.setProperty("errors", fieldErrors(violations));
        return p;
    }
}
