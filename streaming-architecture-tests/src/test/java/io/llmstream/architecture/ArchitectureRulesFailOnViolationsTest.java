package io.llmstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.llmstream.adapter.llm.archfixture.AdapterClass;
import io.llmstream.adapter.llm.archfixture.cycle.a.A;
import io.llmstream.adapter.llm.archfixture.cycle.b.B;
import io.llmstream.adapter.rag.archfixture.RagThatUsesCoreInternals;
import io.llmstream.adapter.rag.archfixture.RagThatUsesTheApp;
import io.llmstream.adapter.rag.archfixture.RagThatUsesTheLlmAdapter;
import io.llmstream.adapter.rag.archfixture.RagThatUsesTheTestkit;
import io.llmstream.app.archfixture.AppClass;
import io.llmstream.app.archfixture.AppThatUsesTheHttpWire;
import io.llmstream.core.archfixture.CoreThatUsesAFramework;
import io.llmstream.core.archfixture.CoreThatUsesAnAdapter;
import io.llmstream.testkit.InMemoryStore;
import org.junit.jupiter.api.Test;

/** Each rule, run against classes in the test sources that break it on purpose, reports the violation. */
class ArchitectureRulesFailOnViolationsTest {

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return rule.evaluate(imported);
    }

    @Test
    void shouldReportACoreClassUsingAnAdapter() {
        EvaluationResult result = evaluate(ArchitectureRules.CORE_DEPENDS_ON_JDK_ONLY, CoreThatUsesAnAdapter.class, AdapterClass.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("CoreThatUsesAnAdapter").contains("AdapterClass");
    }

    @Test
    void shouldReportACoreClassUsingALibrary() {
        EvaluationResult result = evaluate(ArchitectureRules.CORE_DEPENDS_ON_JDK_ONLY, CoreThatUsesAFramework.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("org.assertj");
    }

    @Test
    void shouldReportAnAdapterUsingAnotherAdapter() {
        EvaluationResult result = evaluate(ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                RagThatUsesTheLlmAdapter.class, AdapterClass.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("RagThatUsesTheLlmAdapter");
    }

    @Test
    void shouldReportAnAdapterUsingTheCoresInternals() {
        EvaluationResult result = evaluate(ArchitectureRules.CORE_INTERNALS_STAY_IN_THE_CORE, RagThatUsesCoreInternals.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("RagThatUsesCoreInternals").contains("SentenceSplitter");
    }

    @Test
    void shouldReportAnAdapterUsingTheApp() {
        EvaluationResult result = evaluate(ArchitectureRules.ONLY_THE_APP_SEES_THE_APP, RagThatUsesTheApp.class, AppClass.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("RagThatUsesTheApp");
    }

    @Test
    void shouldReportProductionCodeUsingTheTestkit() {
        EvaluationResult result = evaluate(ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_THE_TESTKIT,
                RagThatUsesTheTestkit.class, InMemoryStore.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("RagThatUsesTheTestkit");
    }

    @Test
    void shouldReportAPackageCycle() {
        EvaluationResult result = evaluate(ArchitectureRules.NO_PACKAGE_CYCLES, A.class, B.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("cycle");
    }

    @Test
    void shouldAcceptTheClassesThatFollowTheRules() {
        // the stand-ins alone break nothing: the failures above come from the violating classes
        assertThat(evaluate(ArchitectureRules.NO_PACKAGE_CYCLES, AdapterClass.class, AppClass.class).hasViolation()).isFalse();
        assertThat(evaluate(ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER.allowEmptyShould(true),
                AdapterClass.class).hasViolation()).isFalse();
    }

    @Test
    void shouldReportTheAppUsingAnInnerTypeOfTheHttpAdapter() {
        EvaluationResult result = evaluate(ArchitectureRules.HTTP_ADAPTER_IS_USED_THROUGH_ITS_ENTRY_POINTS,
                AppThatUsesTheHttpWire.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("violated (1 times)")
                .contains("AppThatUsesTheHttpWire.streams> has type <io.llmstream.http.jersey.wire.SseStreams>");
    }
}
