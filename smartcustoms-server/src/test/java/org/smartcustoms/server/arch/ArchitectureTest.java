package org.smartcustoms.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Architecture rules of issue 10 ("Code health"), checked on the production classes of the server and the core:
 * <ol>
 *   <li>only storage adapters touch JDBC: classes named {@code Jdbc*} and annotated {@link Repository}, each
 *       implementing a port of its capability (e.g. {@code InspectionStore} / {@code JdbcInspectionStore});</li>
 *   <li>the core is framework-free: no Spring, no servlet API;</li>
 *   <li>nobody reads the system clock behind the {@link Clock} bean's back: no argument-less {@code now()} and no
 *       {@code System.currentTimeMillis()}; only {@code CoreBeans} (which creates the bean) and the CLI's
 *       {@code CliEnvironment} may call {@code Clock.system*()} in the server, and the core never does;</li>
 *   <li>system properties and environment variables are read once into configuration: never in the core, and in
 *       the server only by {@code CliEnvironment} (the server itself is configured through Spring properties).</li>
 * </ol>
 */
class ArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.smartcustoms.server");
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/smartcustoms-server/") && !location.contains("-tests.jar"))
            .importPackages("org.smartcustoms");

    /** A storage adapter: {@code Jdbc*}, annotated {@code @Repository} (or nested in such a class). */
    private static final DescribedPredicate<JavaClass> STORAGE_ADAPTER = new DescribedPredicate<>(
            "storage adapters (Jdbc* annotated @Repository)") {
        @Override
        public boolean test(JavaClass c) {
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
            return top.getSimpleName().startsWith("Jdbc") && top.isAnnotatedWith(Repository.class);
        }
    };

    /**
     * {@code java.sql.SQLException} is exempt: it is only an exception type, and the CLI ({@code CliFailure}) looks
     * for H2's "database in use" in a failed start-up to tell the user to stop the server first.
     */
    @Test
    void onlyStorageAdaptersTouchJdbc() {
        noClasses().that(DescribedPredicate.not(STORAGE_ADAPTER))
                .should().dependOnClassesThat(DescribedPredicate.describe("JDBC (org.springframework.jdbc, java.sql, javax.sql; not SQLException)",
                        (JavaClass c) -> (c.getPackageName().startsWith("org.springframework.jdbc")
                                || c.getPackageName().equals("java.sql") || c.getPackageName().equals("javax.sql"))
                                && !c.getName().equals("java.sql.SQLException")))
                .because("SQL lives behind capability storage ports (XStore implemented by JdbcXStore)")
                .check(SERVER);
    }

    @Test
    void storageAdaptersAreRepositoriesNamedJdbc() {
        classes().that().areAnnotatedWith(Repository.class).should().haveSimpleNameStartingWith("Jdbc")
                .allowEmptyShould(true).check(SERVER);
    }

    @Test
    void jdbcNamedClassesAreRepositories() {
        classes().that().haveSimpleNameStartingWith("Jdbc").and().areTopLevelClasses().should().beAnnotatedWith(Repository.class)
                .check(SERVER);
    }

    private static final com.tngtech.archunit.lang.ArchRule CORE_IS_FRAMEWORK_FREE = noClasses()
            .that().resideInAPackage("org.smartcustoms..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..", "javax.servlet..")
            .because("smartcustoms-core is framework-free");

    @Test
    void coreHasNoSpringAndNoServletApi() {
        org.assertj.core.api.Assertions.assertThat(CORE.contain("org.smartcustoms.risk.RiskEngine")).isTrue();
        org.assertj.core.api.Assertions.assertThat(CORE.stream().noneMatch(c -> c.getPackageName().startsWith("org.smartcustoms.server")))
                .isTrue();
        CORE_IS_FRAMEWORK_FREE.check(CORE);
    }

    /** The core rule had nothing to find on the day it was written; it does catch Spring where Spring is used. */
    @Test
    void coreRuleCatchesSpring() {
        org.assertj.core.api.Assertions.assertThat(CORE_IS_FRAMEWORK_FREE.evaluate(SERVER).hasViolation()).isTrue();
    }

    private static final DescribedPredicate<JavaCall<?>> SYSTEM_CLOCK_READ = new DescribedPredicate<>(
            "reads of the system clock without a Clock (now() without arguments, System.currentTimeMillis())") {
        @Override
        public boolean test(JavaCall<?> call) {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            boolean noArgs = call.getTarget().getRawParameterTypes().isEmpty();
            if (name.equals("now") && noArgs) {
                return owner.equals(LocalDate.class.getName()) || owner.equals(LocalDateTime.class.getName())
                        || owner.equals(Instant.class.getName()) || owner.equals(ZonedDateTime.class.getName())
                        || owner.equals("java.time.OffsetDateTime") || owner.equals("java.time.LocalTime")
                        || owner.equals("java.time.Year") || owner.equals("java.time.YearMonth");
            }
            return owner.equals(System.class.getName()) && name.equals("currentTimeMillis");
        }
    };

    private static final DescribedPredicate<JavaCall<?>> SYSTEM_CLOCK_CREATED = DescribedPredicate.describe(
            "Clock.systemUTC(), Clock.systemDefaultZone() or Clock.system(zone)",
            call -> call.getTargetOwner().getName().equals(Clock.class.getName()) && call.getName().startsWith("system"));

    @Test
    void serverReadsTimeOnlyThroughTheClockBean() {
        noClasses().should().callCodeUnitWhere(SYSTEM_CLOCK_READ)
                .because("time comes from the java.time.Clock bean (CoreBeans), so tests and replays can fix it")
                .check(SERVER);
        noClasses().that().doNotHaveSimpleName("CoreBeans").and().doNotHaveSimpleName("CliEnvironment")
                .should().callCodeUnitWhere(SYSTEM_CLOCK_CREATED)
                .because("CoreBeans creates the Clock bean and CliEnvironment the command line's clock; nothing else does")
                .check(SERVER);
    }

    /** System.getenv, System.getProperty and the Integer/Long/Boolean.getX(property) shortcuts. */
    private static final DescribedPredicate<JavaCall<?>> PROCESS_ENVIRONMENT_READ = DescribedPredicate.describe(
            "reads of environment variables or system properties",
            call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                return owner.equals(System.class.getName()) && (name.equals("getenv") || name.equals("getProperty")
                        || name.equals("getProperties"))
                        || owner.equals(Integer.class.getName()) && name.equals("getInteger")
                        || owner.equals(Long.class.getName()) && name.equals("getLong")
                        || owner.equals(Boolean.class.getName()) && name.equals("getBoolean");
            });

    @Test
    void coreNeitherCreatesClocksNorReadsTheProcessEnvironment() {
        noClasses().should().callCodeUnitWhere(SYSTEM_CLOCK_CREATED)
                .because("core code takes its java.time.Clock from the caller")
                .check(CORE);
        noClasses().should().callCodeUnitWhere(PROCESS_ENVIRONMENT_READ)
                .because("core code gets its settings as parameters or configuration records from the caller")
                .check(CORE);
    }

    @Test
    void serverReadsTheProcessEnvironmentOnlyInCliEnvironment() {
        noClasses().that().doNotHaveSimpleName("CliEnvironment").should().callCodeUnitWhere(PROCESS_ENVIRONMENT_READ)
                .because("the server is configured through Spring properties and the CLI through CliEnvironment, read once")
                .check(SERVER);
    }

    @Test
    void coreReadsTimeOnlyThroughAClock() {
        noClasses().should().callCodeUnitWhere(SYSTEM_CLOCK_READ)
                .because("core code takes a java.time.Clock (or a date) from its caller")
                .check(CORE);
    }
}
