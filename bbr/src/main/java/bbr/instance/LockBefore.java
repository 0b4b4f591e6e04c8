package bbr.instance;

/** One "lock me before that job" entry of a job's metadata; {@code release} is empty in director mode. */
public record LockBefore(String jobName, String release) {
}
