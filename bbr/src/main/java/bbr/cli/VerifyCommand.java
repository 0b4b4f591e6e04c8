package bbr.cli;

import bbr.artifact.store.Decoding;
import bbr.log.Redactor;
import bbr.orchestration.Outcome;
import bbr.orchestration.Verifier;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bbr verify}: checks a backup artifact offline, touching no VM; exits 0 only when everything holds. */
@Command(name = "verify", description = "Verify a backup artifact without touching any VM")
final class VerifyCommand implements Callable<Integer> {

    @Option(names = {"--artifact-path", "-a"}, description = "Specify the path of the backup artifact to verify")
    String artifactPath;

    @CommandLine.Mixin
    IdentityOption identityOption = new IdentityOption();

    @Option(names = "--debug", description = "Enable debug logs")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext context;

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (ArtifactPlaces.missing(artifactPath, spec, context.terminal())) {
            return 1;
        }
        Optional<Decoding> decoding = identityOption.decodingOrFlagError(context.terminal());
        if (decoding.isEmpty()) {
            return 1;
        }
        Redactor redactor = ArtifactPlaces.redactor();
        Optional<ArtifactPlaces.Backup> backup = ArtifactPlaces.backupOrFlagError(artifactPath, context.terminal());
        if (backup.isEmpty()) {
            return 1;
        }
        try (var place = backup.get().place()) {
            Outcome outcome = new Verifier(context.logger(debug, redactor))
                    .verify(place, backup.get().name(), decoding.get());
            return ErrorReport.report(outcome, context.terminal(), context.clock(), redactor, null);
        }
    }
}
