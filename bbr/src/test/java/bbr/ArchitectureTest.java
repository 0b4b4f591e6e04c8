package bbr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the domain core free of the CLI, SSH, HTTP and AWS SDK libraries, so adapters can change without touching
 * it.
 */
class ArchitectureTest {

    private static final String[] CORE = {"bbr.orchestration..", "bbr.instance..", "bbr.artifact..", "bbr.remote..",
        "bbr.log.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("bbr");

    @Test
    void coreUsesNoPicocliSshHttpOrSdkTypes() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.apache.sshd..", "java.net.http..",
                        "javax.net..", "org.apache.http..", "org.apache.hc..", "org.bouncycastle..",
                        "software.amazon..")
                .check(classes);
    }

    @Test
    void coreDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("bbr.cli..", "bbr.ssh..", "bbr.standalone..",
                        "bbr.director..", "bbr.s3..")
                .check(classes);
    }

    /** Only the S3 adapter talks to the SDK: the CLI builds an S3 place and passes it on as an ArtifactPlace. */
    @Test
    void onlyTheS3AdapterUsesTheSdk() {
        noClasses().that().resideOutsideOfPackage("bbr.s3..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "org.apache.hc..")
                .check(classes);
    }
}
