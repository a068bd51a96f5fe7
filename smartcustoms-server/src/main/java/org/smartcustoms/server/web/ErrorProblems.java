package org.smartcustoms.server.web;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The container's error page ({@code /error}, reached after {@code sendError} from a filter, the security
 * firewall or the servlet container) answers problem+json like the API, instead of Spring Boot's default JSON or
 * an HTML page. Replaces Spring Boot's {@code BasicErrorController}. Never echoes the exception text.
 */
@Hidden
@RestController
public class ErrorProblems implements ErrorController {

    @RequestMapping(value = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        if (status < 400) status = 500;
        ProblemDetail p = Problems.of(status, sentence(status));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s && s.startsWith("/")) p.setInstance(java.net.URI.create(s.replaceAll("[^\\x21-\\x7E]", "")));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    static String sentence(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (for example an invalid URL or header) and was refused.";
            case 401 -> "A valid bearer token is required (Authorization: Bearer <token>).";
            case 403 -> "This request is not allowed.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request body is too large.";
            case 415 -> "This content type is not supported here.";
            default -> {
                HttpStatus s = HttpStatus.resolve(status);
                yield status >= 500 ? "An unexpected error occurred; it has been logged. Nothing was stored."
                        : s == null ? "The request was refused." : s.getReasonPhrase() + ".";
            }
        };
    }
}
