package org.smartcustoms.server.web;

import java.net.URI;
import java.util.List;

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

    public static ProblemDetail invalid(String detail, List<Violation> violations) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, detail);
        p.setType(URI.create("https://smartcustoms.org/problems/invalid-declaration"));
        p.setTitle("Invalid declaration");
        p.setProperty("errors", violations);
        return p;
    }
}
