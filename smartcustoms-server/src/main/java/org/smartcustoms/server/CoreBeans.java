package org.smartcustoms.server;

import java.time.Clock;

import org.smartcustoms.declaration.DeclarationValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free core into Spring: clock and validation rules. */
@Configuration
public class CoreBeans {
    /** API responses use the same conventions as the declaration JSON form (no is-getters, plain decimals, ISO dates). */
    @Bean
    org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer jsonConventions() {
        return b -> b.visibility(com.fasterxml.jackson.annotation.PropertyAccessor.IS_GETTER,
                        com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
                .featuresToEnable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());
    }

    /** Jackson calls accessors through generated lambdas instead of reflection (the API and the stored documents). */
    @Bean
    com.fasterxml.jackson.databind.Module blackbird() {
        return new com.fasterxml.jackson.module.blackbird.BlackbirdModule();
    }

    @Bean
    Clock clock() {
        return systemClock();
    }

    /**
     * The system clock (UTC): the one place time is taken from the machine. Spring code injects the {@link Clock}
     * bean; command-line code that runs without a Spring context calls this.
     */
    public static Clock systemClock() {
        return Clock.systemUTC();
    }

    /**
     * Validation rules; once a full nomenclature has been imported, HS subheadings must also exist in it
     * (the built-in demo nomenclature is too small to reject codes with).
     */
    @Bean
    DeclarationValidator declarationValidator(Clock clock, org.smartcustoms.server.tariff.TariffService tariff) {
        return new DeclarationValidator(clock, hs6 -> !tariff.hasImportedNomenclature()
                || tariff.nomenclature().lookup(hs6, null).isPresent());
    }
}
