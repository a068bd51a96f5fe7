package org.smartcustoms.server;

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
 * Points a test class's context at its own fresh database ({@link OnH2}, {@link OnPostgres}). The test class is
 * part of the customizer's identity, so it is part of Spring's context cache key: every class gets its own
 * context and so its own database or schema, as a {@code @DynamicPropertySource} method per class did.
 */
record TestDatabaseCustomizer(Class<?> testClass, boolean postgres) implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, Object> properties = postgres ? TestDatabases.postgres() : TestDatabases.h2();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
    }

    /** Registered by the annotations through {@code @ContextCustomizerFactories}. */
    static final class Factory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            boolean h2 = TestContextAnnotationUtils.hasAnnotation(testClass, OnH2.class);
            boolean postgres = TestContextAnnotationUtils.hasAnnotation(testClass, OnPostgres.class);
            if (h2 && postgres) throw new IllegalStateException(testClass.getName() + " is marked both @OnH2 and @OnPostgres");
            return h2 || postgres ? new TestDatabaseCustomizer(testClass, postgres) : null;
        }
    }
}
