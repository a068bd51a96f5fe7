package org.smartcustoms.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Login for the web workspace (password → 8-hour token) and user administration for administrators. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users and sessions")
public class AuthController {
    static final Duration SESSION = Duration.ofHours(8);
    private final UserDirectory users;
    private final org.springframework.beans.factory.ObjectProvider<org.smartcustoms.server.audit.AuditTrail> audit;

    AuthController(UserDirectory users, org.springframework.beans.factory.ObjectProvider<org.smartcustoms.server.audit.AuditTrail> audit) {
        this.users = users;
        this.audit = audit;
    }

    private void audit(String action, String subjectId, String details) {
        var t = audit.getIfAvailable();
        if (t != null) t.record(CurrentUser.get().username(), action, "user", subjectId, null, details);
    }

    /** Login request; the password is checked against its BCrypt hash. */
    public record Login(String username, String password) { }

    /** A session token and who it belongs to. */
    public record Session(String token, String username, Role role, String partyId, Instant expiresAt) { }

    /** A new user; {@code partyId} is required for TRADER. */
    public record NewUser(String username, String password, Role role, String partyId) { }

    @Operation(summary = "Exchange username and password for a session token (8 hours)")
    @PostMapping("/auth/login")
    ResponseEntity<?> login(@RequestBody Login login) {
        return users.authenticatePassword(login.username(), login.password())
                .<ResponseEntity<?>>map(u -> {
                    Instant exp = Instant.now().plus(SESSION);
                    return ResponseEntity.ok(new Session(users.issueToken(u.id(), "web-session", exp), u.username(), u.role(), u.partyId(), exp));
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                        .body(org.smartcustoms.server.web.Problems.of(HttpStatus.UNAUTHORIZED, "Unknown user or wrong password.")));
    }

    @Operation(summary = "End the session: the token stops working")
    @PostMapping("/auth/logout")
    Map<String, String> logout(@RequestHeader("Authorization") String authorization) {
        users.revoke(authorization.substring(7).trim());
        return Map.of("status", "logged out");
    }

    @Operation(summary = "Who am I")
    @GetMapping("/me")
    UserAccount me() {
        return CurrentUser.get();
    }

    @Operation(summary = "List users (ADMIN)")
    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/admin/users")
    List<UserAccount> list() {
        return users.list();
    }

    @Operation(summary = "Create a user (ADMIN)")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users")
    ResponseEntity<UserAccount> create(@RequestBody NewUser u) {
        if (u.role() == null) throw new IllegalArgumentException("role is required: TRADER, OFFICER, ANALYST, AUDITOR or ADMIN");
        UserAccount created = users.create(u.username(), u.password(), u.role(), u.partyId());
        audit("USER_CREATED", String.valueOf(created.id()), "{\"username\":\"" + created.username() + "\",\"role\":\"" + created.role() + "\"}");
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @Operation(summary = "Issue an API token for a user (ADMIN); the token is shown only in this answer")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users/{id}/tokens")
    ResponseEntity<Map<String, String>> token(@PathVariable long id, @RequestBody(required = false) Map<String, String> body) {
        String label = body == null ? "api" : body.getOrDefault("label", "api");
        String token = users.issueToken(id, label);
        audit("TOKEN_ISSUED", String.valueOf(id), null);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("token", token));
    }

    @Operation(summary = "Enable or disable a user (ADMIN)")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users/{id}/enabled")
    Map<String, Object> enable(@PathVariable long id, @RequestBody Map<String, Boolean> body) {
        boolean enabled = Boolean.TRUE.equals(body.get("enabled"));
        users.setEnabled(id, enabled);
        audit(enabled ? "USER_ENABLED" : "USER_DISABLED", String.valueOf(id), null);
        return Map.of("id", id, "enabled", enabled);
    }
}
