package bbr.cli;

import bbr.log.Logger;
import bbr.log.Redactor;
import bbr.orchestration.InstanceSource;
import java.util.Optional;

/** What a subcommand runs against: {@code bbr director …} or {@code bbr deployment …}. */
interface Target {

    /**
     * The first required flag that is missing, as the original words it, or empty when all are there. As in the
     * original, {@code --help} or {@code -h} after the mode's flags waives the required flags (but not every check).
     */
    Optional<String> missingFlag(boolean helpRequested);

    /** Rejects flag values that are present but unusable, naming the flag; empty when fine. */
    default Optional<String> invalidFlag() {
        return Optional.empty();
    }

    boolean debug();

    InstanceSource source(Logger logger);

    /**
     * From now on, a host key that known_hosts vouches for is reported at INFO rather than DEBUG: pre-backup-check
     * tells every host-key verdict with the rest.
     */
    default void reportHostKeyMatches() {
    }

    /** How pre-backup-check names the target in its verdict: "Director" or "Deployment 'NAME'". */
    String verdictSubject();

    /** The original prefixes a deployment's verdict with {@code [HH:MM:SS]} (UTC); a director's goes bare. */
    default boolean stampsVerdict() {
        return false;
    }

    /** Takes this target's secrets (and anything shaped like one) out of what bbr prints. */
    default Redactor redactor() {
        return ArtifactPlaces.redactor();
    }

    /** With {@code --all-deployments}, the Director's deployments; empty otherwise. */
    default Optional<AllDeploymentsTarget> allDeployments() {
        return Optional.empty();
    }
}
