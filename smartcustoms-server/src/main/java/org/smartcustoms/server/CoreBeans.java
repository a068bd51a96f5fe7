package org.smartcustoms.server;

import java.time.Clock;

import org.smartcustoms.declaration.DeclarationValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free core into Spring: clock and validation rules. */
@Configuration
class CoreBeans {
    /** API responses use the same conventions as the declaration JSON form (no is-getters, plain decimals, ISO dates). */
    @Bean
    org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer jsonConventions() {
        return b -> b.visibility(com.fasterxml.jackson.annotation.PropertyAccessor.IS_GETTER,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
                .featuresToEnable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DeclarationValidator declarationValidator(Clock clock) {
        return new DeclarationValidator(clock, null);
    }
}
