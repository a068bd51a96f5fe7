package org.smartcustoms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.smartcustoms.server.ApiTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Username enumeration by timing: a login for an unknown username must do the same password-hash work as one for
 * an existing user. Asserted on the code path, not the clock: every outcome runs exactly one verification, and an
 * unknown user's runs against a hash of the same algorithm and cost as real ones.
 */
@ApiTest
@OnH2
class AuthPasswordTimingTest {
    /** BCrypt that counts verifications and remembers which hashes were checked. */
    static final class CountingEncoder implements PasswordEncoder {
        final PasswordEncoder real = new BCryptPasswordEncoder(6);
        final List<String> checked = new ArrayList<>();

        @Override public String encode(CharSequence raw) { return real.encode(raw); }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checked.add(encoded);
            return real.matches(raw, encoded);
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserStore store;
    @Autowired
    Clock clock;
    @Autowired
    AuditTrail audit;

    CountingEncoder encoder;
    UserDirectory users;
    String suffix;

    @BeforeEach
    void setUp() {
        encoder = new CountingEncoder();
        users = new UserDirectory(store, clock, audit, "", Duration.ofDays(90), encoder);
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void unknownUsernameRunsOneVerificationAgainstADummyHashOfTheSameCost() {
        String name = "real-" + suffix;
        users.create(name, "the right password", Role.OFFICER, null);
        String realHash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, name);

        assertThat(users.authenticatePassword("ghost-" + suffix, "whatever it is")).isEmpty();
        assertThat(encoder.checked).hasSize(1);
        String dummy = encoder.checked.get(0);
        assertThat(dummy).isNotEqualTo(realHash);
        // same algorithm and cost factor ($2a$06$) as a stored hash, so the work is the same
        assertThat(dummy.substring(0, 7)).isEqualTo(realHash.substring(0, 7));

        encoder.checked.clear();
        assertThat(users.authenticatePassword(name, "a wrong password")).isEmpty();
        assertThat(encoder.checked).containsExactly(realHash);

        encoder.checked.clear();
        assertThat(users.authenticatePassword(name, "the right password")).isPresent();
        assertThat(encoder.checked).containsExactly(realHash);

        // the same dummy each time (computed once, not per request)
        encoder.checked.clear();
        users.authenticatePassword("ghost2-" + suffix, "x");
        assertThat(encoder.checked).containsExactly(dummy);
    }

    @Test
    void disabledAndPasswordlessUsersAndMissingFieldsCostOneVerificationToo() {
        UserAccount off = users.create("off-" + suffix, "the right password", Role.OFFICER, null);
        users.setEnabled(off.id(), false, "test");
        users.create("nopw-" + suffix, null, Role.OFFICER, null);

        assertThat(users.authenticatePassword("off-" + suffix, "the right password")).isEmpty();
        assertThat(users.authenticatePassword("nopw-" + suffix, "anything at all")).isEmpty();
        assertThat(users.authenticatePassword(null, "anything at all")).isEmpty();
        assertThat(users.authenticatePassword("off-" + suffix, null)).isEmpty();
        assertThat(encoder.checked).hasSize(4);
    }
}
