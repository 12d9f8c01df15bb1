package io.llmstream.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules hold for the production classes of every module. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.llmstream");
    }

    @Test
    void shouldSeeTheClassesOfEveryModule() {
        org.assertj.core.api.Assertions.assertThat(production.containPackage("io.llmstream.core.usecase")).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.containPackage("io.llmstream.testkit")).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.containPackage("io.llmstream.adapter.redis")).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith("io.llmstream.adapter.")).findAny()).isPresent();
    }

    @Test
    void coreShouldDependOnTheJdkOnly() {
        ArchitectureRules.CORE_DEPENDS_ON_JDK_ONLY.check(production);
    }

    @Test
    void adaptersShouldNotDependOnEachOther() {
        ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER.allowEmptyShould(true).check(production);
    }

    @Test
    void nothingOutsideTheCoreShouldUseItsInternals() {
        ArchitectureRules.CORE_INTERNALS_STAY_IN_THE_CORE.check(production);
    }

    @Test
    void onlyTheAppShouldSeeTheApp() {
        ArchitectureRules.ONLY_THE_APP_SEES_THE_APP.check(production);
    }

    @Test
    void productionCodeShouldNotDependOnTheTestkit() {
        ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_THE_TESTKIT.check(production);
    }

    @Test
    void packagesShouldBeFreeOfCycles() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void theAppShouldUseTheHttpAdapterThroughItsEntryPoints() {
        ArchitectureRules.HTTP_ADAPTER_IS_USED_THROUGH_ITS_ENTRY_POINTS.check(production);
    }
}
