package org.smartcustoms.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points a test context at a fresh database ({@link OnH2}, {@link OnPostgres}) and a fresh data directory. Only the
 * database kind is part of the customizer's identity, so it is all that this adds to Spring's context cache key: every
 * {@code @ApiTest @OnH2} class shares one context and one H2 database, every {@code @ApiTest @OnPostgres} class one
 * context and one schema. Tests are therefore isolated by their data (unique parties, LRNs, users), not by database.
 * A class marked {@link OwnContext} adds itself to the identity and so gets a context and database of its own.
 */
record TestDatabaseCustomizer(boolean postgres, Class<?> owner) implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, Object> properties = new HashMap<>(postgres ? TestDatabases.postgres() : TestDatabases.h2());
        try {
            properties.put("smartcustoms.data-dir", Files.createTempDirectory("sc-test-data-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
    }

    /** Registered by the annotations through {@code @ContextCustomizerFactories}. */
    static final class Factory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            boolean h2 = TestContextAnnotationUtils.hasAnnotation(testClass, OnH2.class);
            boolean postgres = TestContextAnnotationUtils.hasAnnotation(testClass, OnPostgres.class);
            if (h2 && postgres) throw new IllegalStateException(testClass.getName() + " is marked both @OnH2 and @OnPostgres");
            if (!h2 && !postgres) return null;
            OwnContext own = TestContextAnnotationUtils.findMergedAnnotation(testClass, OwnContext.class);
            if (own != null && own.value().isBlank()) throw new IllegalStateException(testClass.getName() + ": @OwnContext needs its reason");
            return new TestDatabaseCustomizer(postgres, own == null ? null : testClass);
        }
    }
}
