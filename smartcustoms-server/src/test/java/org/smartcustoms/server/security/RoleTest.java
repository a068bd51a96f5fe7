package org.smartcustoms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void theCustomsStaffExpressionNamesExactlyTheCustomsStaffRoles() {
        Matcher m = Pattern.compile("^hasAnyRole\\((.*)\\)$").matcher(Role.CUSTOMS_STAFF_EXPRESSION);
        assertThat(m.matches()).isTrue();
        Set<Role> named = Arrays.stream(m.group(1).split(","))
                .map(s -> Role.valueOf(s.trim().replace("'", "")))
                .collect(Collectors.toSet());
        assertThat(named).isEqualTo(Role.CUSTOMS_STAFF);
    }
}
