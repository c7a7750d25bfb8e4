package dev.footnote;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the flow of a question, text → corpus → index → retrieve → answer → ask → the channels that
 * deliver it, and no two packages depend on each other. A new cycle or a backward arrow fails the build.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.footnote");

    /** Each step and what comes after it; a step may use those before it, never those after. */
    private static final List<String> FLOW = List.of("text", "corpus", "embed", "index", "retrieve", "model",
            "answer", "conversation", "ask");
    private static final List<String> DELIVER = List.of("server", "slack", "telegram", "messenger", "cli", "eval",
            "bench");

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("dev.footnote.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void eachStepUsesOnlyTheStepsBeforeIt() {
        for (int i = 0; i < FLOW.size(); i++) {
            List<String> later = new java.util.ArrayList<>(FLOW.subList(i + 1, FLOW.size()));
            later.addAll(DELIVER);
            if (later.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage("dev.footnote." + FLOW.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            later.stream().map(p -> "dev.footnote." + p + "..").toArray(String[]::new))
                    .because(FLOW.get(i) + " comes before " + later + " in the flow")
                    .check(PRODUCT);
        }
    }

    @Test
    void theChannelsDoNotKnowEachOther() {
        for (String channel : List.of("server", "slack", "telegram")) {
            String[] others = List.of("server", "slack", "telegram", "cli").stream().filter(c -> !c.equals(channel))
                    .map(c -> "dev.footnote." + c + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.footnote." + channel + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others).check(PRODUCT);
        }
    }

    /**
     * The answerer gets all it needs of retrieval in one value ({@code RetrievalResult}): it neither searches nor
     * reads the index itself, so it can be judged on made-up hits.
     */
    @Test
    void theAnswerStepDoesNotCallBackIntoTheIndex() {
        noClasses().that().resideInAPackage("dev.footnote.answer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.footnote.index..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.footnote.retrieve.Retriever")
                .because("the answerer gets a RetrievalResult, not the retriever or the index")
                .check(PRODUCT);
    }
}
