package org.smartcustoms.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import jakarta.servlet.http.HttpServletRequest;

/**
 * Login for the web workspace (password → session token, 8 hours by default) and user and token administration
 * for administrators.
 *
 * <p><b>Password guessing.</b> Failed logins are counted per username and per client address (the TCP peer;
 * a proxy in front must not hide it). After {@code smartcustoms.auth.max-failures} (5) failures for one
 * username, or {@code smartcustoms.auth.max-failures-per-ip} (20) from one address, within
 * {@code smartcustoms.auth.lockout} (15 minutes), further logins for that username / from that address are
 * refused for the lockout period with <b>429 problem+json and {@code Retry-After}</b> (seconds) — even with the
 * right password. Unknown usernames are counted and locked exactly like existing ones, so a 429 does not reveal
 * whether a username exists. A successful login resets the username's counter (not the address's). Every failed
 * login is audited LOGIN_FAILED and every lockout LOGIN_LOCKED; refused attempts during a lockout are not
 * audited one by one (that would let an attacker flood the trail). Counters live in memory: a restart clears
 * them, and each server instance counts on its own.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users and sessions")
public class AuthController {
    static final String ANONYMOUS = AuditTrail.ANONYMOUS;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration session;
    private final Duration maxTokenTtl;
    private final LoginThrottle throttle;

    AuthController(UserDirectory users, AuditTrail audit, Clock clock,
                   @Value("${smartcustoms.auth.session-ttl:PT8H}") String session,
                   @Value("${smartcustoms.auth.token-max-ttl:P365D}") String maxTokenTtl,
                   @Value("${smartcustoms.auth.max-failures:5}") int maxFailures,
                   @Value("${smartcustoms.auth.max-failures-per-ip:20}") int maxFailuresPerIp,
                   @Value("${smartcustoms.auth.lockout:PT15M}") String lockout) {
        this.users = users;
        this.audit = java.util.Objects.requireNonNull(audit, "audit trail");
        this.clock = clock;
        this.session = Duration.parse(session);
        this.maxTokenTtl = Duration.parse(maxTokenTtl);
        this.throttle = new LoginThrottle(maxFailures, maxFailuresPerIp, Duration.parse(lockout));
    }

    private static String actor() {
        return CurrentUser.get().username();
    }

    /** Login request; the password is checked against its BCrypt hash. */
    public record Login(String username, String password) { }

    /** A session token and who it belongs to. */
    public record Session(String token, String username, Role role, String partyId, Instant expiresAt) { }

    /** A new user; {@code partyId} is required for TRADER. */
    public record NewUser(String username, String password, Role role, String partyId) { }

    /** A role change; {@code partyId} is required for TRADER and dropped for other roles. */
    public record RoleChange(Role role, String partyId) { }

    @Operation(summary = "Exchange username and password for a session token (8 hours)",
            description = "401 for a wrong username or password; 429 with Retry-After after too many failures for the username "
                    + "or from the client address (unknown usernames are locked the same way).")
    @io.swagger.v3.oas.annotations.security.SecurityRequirements // no token needed to get one
    @PostMapping("/auth/login")
    ResponseEntity<?> login(@RequestBody Login login, HttpServletRequest request) {
        String username = login.username() == null ? "" : login.username();
        String ip = request.getRemoteAddr();
        Instant now = clock.instant();
        Duration locked = throttle.lockedFor(username, ip, now);
        if (locked != null) return tooMany(locked);
        Optional<UserAccount> user = users.authenticatePassword(login.username(), login.password());
        if (user.isPresent()) {
            UserAccount u = user.get();
            throttle.succeeded(username);
            Instant exp = now.plus(session);
            String token = users.issueToken(u.id(), "web-session", exp, u.username());
            return ResponseEntity.ok(new Session(token, u.username(), u.role(), u.partyId(), exp));
        }
        LoginThrottle.Failure f = throttle.failed(username, ip, now);
        audit.record(ANONYMOUS, AuditAction.LOGIN_FAILED, AuditSubject.USER, username, null,
                AuditDetails.json(Map.of("ip", ip, "failures", f.userFailures(), "failuresFromIp", f.ipFailures())));
        if (f.userLockedUntil() != null) {
            audit.record(ANONYMOUS, AuditAction.LOGIN_LOCKED, AuditSubject.USER, username, f.userFailures() + " failed logins",
                    AuditDetails.json(Map.of("ip", ip, "until", f.userLockedUntil().toString())));
        }
        if (f.ipLockedUntil() != null) {
            audit.record(ANONYMOUS, AuditAction.LOGIN_LOCKED, AuditSubject.CLIENT, ip, f.ipFailures() + " failed logins from this address",
                    AuditDetails.json(Map.of("ip", ip, "until", f.ipLockedUntil().toString())));
        }
        Duration nowLocked = throttle.lockedFor(username, ip, now);
        if (nowLocked != null) return tooMany(nowLocked);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "Unknown user or wrong password."));
    }

    private static ResponseEntity<?> tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        long minutes = (seconds + 59) / 60;
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-in attempts; try again in "
                        + minutes + " minute" + (minutes == 1 ? "" : "s") + "."));
    }

    @Operation(summary = "End the session: the token stops working")
    @PostMapping("/auth/logout")
    Map<String, String> logout(@RequestHeader("Authorization") String authorization) {
        users.revoke(authorization.substring(7).trim(), actor());
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
        UserAccount created = users.create(u.username(), u.password(), u.role(), u.partyId(), actor());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @Operation(summary = "Issue an API token for a user (ADMIN); the token is shown only in this answer",
            description = "Body (optional): label, expiresInDays (default smartcustoms.auth.token-ttl, 90 days; at most 365).")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users/{id}/tokens")
    ResponseEntity<Map<String, Object>> token(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
        String label = body == null || body.get("label") == null ? "api" : String.valueOf(body.get("label"));
        Duration ttl = users.tokenTtl();
        Object days = body == null ? null : body.get("expiresInDays");
        if (days != null) {
            long d;
            try {
                d = Long.parseLong(String.valueOf(days));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expiresInDays must be a whole number of days");
            }
            if (d < 1 || Duration.ofDays(d).compareTo(maxTokenTtl) > 0) {
                throw new IllegalArgumentException("expiresInDays must be between 1 and " + maxTokenTtl.toDays());
            }
            ttl = Duration.ofDays(d);
        }
        Instant expires = clock.instant().plus(ttl);
        String token = users.issueToken(id, label, expires, actor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", token);
        out.put("id", UserDirectory.tokenId(token));
        out.put("label", label);
        out.put("expiresAt", expires);
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @Operation(summary = "A user's tokens (ADMIN): short id, label, created, expires, revoked — never the token itself")
    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/admin/users/{id}/tokens")
    List<UserDirectory.TokenInfo> tokens(@PathVariable long id) {
        return users.tokens(id);
    }

    @Operation(summary = "Revoke one of a user's tokens by its short id (ADMIN)")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users/{id}/tokens/{tokenId}/revoke")
    ResponseEntity<?> revoke(@PathVariable long id, @PathVariable String tokenId, @RequestBody(required = false) Map<String, String> body) {
        UserDirectory.RevokeResult r = users.revokeToken(id, tokenId, actor(), body == null ? null : body.get("reason"));
        if (r == UserDirectory.RevokeResult.NOT_FOUND) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.NOT_FOUND, "User " + id + " has no token " + tokenId + "."));
        }
        return ResponseEntity.ok(Map.of("id", tokenId, "revoked", true, "changed", r == UserDirectory.RevokeResult.REVOKED));
    }

    @Operation(summary = "Revoke all of a user's tokens, web sessions included (ADMIN)")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users/{id}/tokens/revoke-all")
    Map<String, Object> revokeAll(@PathVariable long id, @RequestBody(required = false) Map<String, String> body) {
        int n = users.revokeAll(id, actor(), body == null ? null : body.get("reason"));
        return Map.of("userId", id, "revoked", n);
    }

    @Operation(summary = "Enable or disable a user (ADMIN)")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users/{id}/enabled")
    Map<String, Object> enable(@PathVariable long id, @RequestBody Map<String, Boolean> body) {
        boolean enabled = Boolean.TRUE.equals(body.get("enabled"));
        users.setEnabled(id, enabled, actor());
        return Map.of("id", id, "enabled", enabled);
    }

    @Operation(summary = "Change a user's role (ADMIN); partyId is required for TRADER")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/admin/users/{id}/role")
    UserAccount role(@PathVariable long id, @RequestBody RoleChange change) {
        return users.changeRole(id, change.role(), change.partyId(), actor());
    }

    /**
     * Failed-login counters per username and per client address with temporary lockout. Failures count within
     * one lockout period from the first; reaching the limit locks for the lockout period and starts counting
     * afresh. Bounded: expired entries are dropped when the table grows past {@value #MAX_KEYS} keys.
     */
    static final class LoginThrottle {
        static final int MAX_KEYS = 50_000;
        private final int maxUser;
        private final int maxIp;
        private final Duration lockout;
        private final Map<String, Counter> byUser = new HashMap<>();
        private final Map<String, Counter> byIp = new HashMap<>();

        LoginThrottle(int maxUser, int maxIp, Duration lockout) {
            if (maxUser < 1 || maxIp < 1) throw new IllegalArgumentException("smartcustoms.auth.max-failures must be at least 1");
            if (lockout.isNegative() || lockout.isZero()) throw new IllegalArgumentException("smartcustoms.auth.lockout must be positive");
            this.maxUser = maxUser;
            this.maxIp = maxIp;
            this.lockout = lockout;
        }

        private static final class Counter {
            int failures;
            Instant firstFailure;
            Instant lockedUntil;
        }

        /** What a failure led to: the counts, and the lock end when this failure started a lockout. */
        record Failure(int userFailures, int ipFailures, Instant userLockedUntil, Instant ipLockedUntil) { }

        /** How long logins for this username or from this address stay refused, or null when they are not. */
        synchronized Duration lockedFor(String user, String ip, Instant now) {
            Instant until = later(until(byUser.get(user), now), until(byIp.get(ip), now));
            return until == null ? null : Duration.between(now, until);
        }

        synchronized Failure failed(String user, String ip, Instant now) {
            Counter u = count(byUser, user, now);
            Counter i = count(byIp, ip, now);
            int uf = u.failures;
            int ifl = i.failures;
            Instant uLock = lockIfDue(u, maxUser, now);
            Instant iLock = lockIfDue(i, maxIp, now);
            return new Failure(uf, ifl, uLock, iLock);
        }

        synchronized void succeeded(String user) {
            byUser.remove(user);
        }

        private Counter count(Map<String, Counter> map, String key, Instant now) {
            if (map.size() >= MAX_KEYS) prune(map, now);
            Counter c = map.computeIfAbsent(key, k -> new Counter());
            // a window that starts after now is stale: the clock was set back (NTP step, a test clock)
            if (c.firstFailure == null || c.firstFailure.isAfter(now) || !now.isBefore(c.firstFailure.plus(lockout))) {
                c.failures = 0;
                c.firstFailure = now;
            }
            c.failures++;
            return c;
        }

        private Instant lockIfDue(Counter c, int max, Instant now) {
            if (c.failures < max) return null;
            c.lockedUntil = now.plus(lockout);
            c.failures = 0;
            c.firstFailure = null;
            return c.lockedUntil;
        }

        private void prune(Map<String, Counter> map, Instant now) {
            map.values().removeIf(c -> (c.lockedUntil == null || !c.lockedUntil.isAfter(now))
                    && (c.firstFailure == null || !now.isBefore(c.firstFailure.plus(lockout))));
        }

        /** The end of the counter's lock; never more than one lockout from now, even if the clock was set back. */
        private Instant until(Counter c, Instant now) {
            return c == null || c.lockedUntil == null || !c.lockedUntil.isAfter(now) || c.lockedUntil.isAfter(now.plus(lockout))
                    ? null : c.lockedUntil;
        }

        private static Instant later(Instant a, Instant b) {
            if (a == null) return b;
            if (b == null) return a;
            return a.isAfter(b) ? a : b;
        }
    }
}
