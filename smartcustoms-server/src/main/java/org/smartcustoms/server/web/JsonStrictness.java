package org.smartcustoms.server.web;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.JsonParser;

/**
 * The framework's JSON reader (request bodies bound by Spring MVC, e.g. the estimator or rules) refuses a key
 * given twice in one object instead of silently keeping the last one: a 400 problem.
 */
@Configuration(proxyBeanMethods = false)
public class JsonStrictness {
    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictDuplicateKeys() {
        return b -> b.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
