package org.smartcustoms.server;

import java.time.Clock;

import org.smartcustoms.declaration.DeclarationValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free core into Spring: clock and validation rules. */
@Configuration
class CoreBeans {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DeclarationValidator declarationValidator(Clock clock) {
        return new DeclarationValidator(clock, null);
    }
}
