package io.llmstream.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.base.DescribedPredicate.not;

import com.tngtech.archunit.lang.ArchRule;
import io.llmstream.http.jersey.ConnectionLimits;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.WebSocketSettings;
import io.llmstream.http.jersey.resource.ReadinessCheck;
import io.llmstream.http.jersey.security.Authenticator;
import io.llmstream.http.jersey.security.Bucket4jRateLimiter;
import io.llmstream.http.jersey.security.CallerRequest;
import io.llmstream.http.jersey.security.JwtPolicy;
import io.llmstream.http.jersey.security.NimbusJwtAuthenticator;
import io.llmstream.http.jersey.security.RateLimiter;
import io.llmstream.http.jersey.server.GrizzlyServer;
import io.llmstream.http.jersey.server.StreamingApi;

/** The hexagon's dependency rule, as ArchUnit rules over the package names of every module. */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** The core depends on the JDK and on itself, nothing else: no framework, no adapter. */
    static final ArchRule CORE_DEPENDS_ON_JDK_ONLY = classes().that().resideInAPackage("io.llmstream.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.llmstream.core..")
            .because("the core is pure Java; adapters plug into its ports");

    /** Adapters (including the HTTP adapter) never see one another. */
    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("io.llmstream.(adapter.*|http.*)..")
            .should().notDependOnEachOther()
            .because("each adapter depends on the core only; the app wires them together");

    /**
     * {@code core.internal} holds the core's helpers (prompt builder, chunk coalescer, …): public only because
     * the core's own packages share them. Nothing outside the core may use them, so they can change with the
     * use cases without breaking an adapter. An ArchUnit rule rather than JPMS: the modules run on the class
     * path, where a module-info's {@code exports} would not be enforced.
     */
    static final ArchRule CORE_INTERNALS_STAY_IN_THE_CORE = noClasses().that().resideOutsideOfPackage("io.llmstream.core..")
            .should().dependOnClassesThat().resideInAPackage("io.llmstream.core.internal..")
            .because("core.internal is the core's own toolbox; adapters use its ports and model only");

    /** Only the composition root may see the app package. */
    static final ArchRule ONLY_THE_APP_SEES_THE_APP = noClasses().that().resideOutsideOfPackage("io.llmstream.app..")
            .should().dependOnClassesThat().resideInAPackage("io.llmstream.app..")
            .because("streaming-app is the composition root: it sees everything and nothing sees it");

    /** Adapters and the testkit depend on the core, not on the testkit or the app. */
    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_THE_TESTKIT = noClasses()
            .that().resideInAnyPackage("io.llmstream.adapter..", "io.llmstream.http..", "io.llmstream.core..")
            .should().dependOnClassesThat().resideInAPackage("io.llmstream.testkit..")
            .because("the testkit is for tests only");

    /** No cycles between any two packages of the project. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.llmstream.(**)")
            .should().beFreeOfCycles();

    /**
     * The HTTP adapter is split into packages by concern, so many of its types are {@code public} only for its own
     * packages. What the composition root may use is the adapter's published entry points: the API and its server,
     * the settings, the security seams (authenticator, rate limiter) and the readiness check. Everything else
     * (resources, the SSE and WebSocket wire, JSON views, error mapping) can change without touching the app.
     */
    static final ArchRule HTTP_ADAPTER_IS_USED_THROUGH_ITS_ENTRY_POINTS = noClasses()
            .that().resideOutsideOfPackage("io.llmstream.http..")
            .should().dependOnClassesThat(resideInAPackage("io.llmstream.http..").and(not(belongToAnyOf(
                    StreamingApi.class, GrizzlyServer.class, HttpSettings.class, WebSocketSettings.class,
                    ConnectionLimits.class, ReadinessCheck.class, Authenticator.class, JwtPolicy.class,
                    NimbusJwtAuthenticator.class, RateLimiter.class, Bucket4jRateLimiter.class, CallerRequest.class))))
            .because("the HTTP adapter's packages are its own; the app wires it through its entry points only");
}
