package bbr.testbed.director;

/** The Director tasks bbr starts (director-api.md §1.1), for aiming task faults. */
public enum TaskKind {
    /** {@code GET /deployments/NAME/vms?format=full}: "retrieve vm-stats". */
    VMS,
    /** {@code POST /deployments/NAME/ssh} with command setup. */
    SSH_SETUP,
    /** {@code POST /deployments/NAME/ssh} with command cleanup. */
    SSH_CLEANUP
}
