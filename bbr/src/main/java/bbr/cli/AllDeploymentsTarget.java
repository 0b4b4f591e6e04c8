package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.InstanceSource;
import java.io.IOException;
import java.util.List;

/** What {@code --all-deployments} needs from {@code bbr deployment}: the Director's deployments, and a source each. */
interface AllDeploymentsTarget {

    /** Every deployment's name, as {@code GET /deployments} lists them. */
    List<String> deploymentNames(Logger logger) throws IOException;

    /** The instances of one deployment, through a Director client of their own. */
    InstanceSource source(String deployment, Logger logger);
}
