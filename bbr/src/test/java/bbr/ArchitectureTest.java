package bbr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the domain core free of the CLI, SSH and HTTP libraries, so adapters can change without touching it. */
class ArchitectureTest {

    private static final String[] CORE = {"bbr.orchestration..", "bbr.instance..", "bbr.artifact..", "bbr.remote..",
        "bbr.log.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("bbr");

    @Test
    void coreUsesNoPicocliSshOrHttpTypes() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.apache.sshd..", "java.net.http..",
                        "javax.net..", "org.apache.http..", "org.bouncycastle..")
                .check(classes);
    }

    @Test
    void coreDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("bbr.cli..", "bbr.ssh..", "bbr.standalone..",
                        "bbr.director..")
                .check(classes);
    }
}
