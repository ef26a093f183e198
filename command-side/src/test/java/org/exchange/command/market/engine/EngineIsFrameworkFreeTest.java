package org.exchange.command.market.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The engine must stay plain Java so that it can be benchmarked, replayed and reasoned about alone. */
class EngineIsFrameworkFreeTest {

    private static final String ENGINE = "org.exchange.command.market.engine";

    @Test
    void engineDependsOnlyOnTheJdkAndItself() {
        JavaClasses engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE);

        classes().that().resideInAPackage(ENGINE + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ENGINE + "..")
                .check(engine);
    }
}
