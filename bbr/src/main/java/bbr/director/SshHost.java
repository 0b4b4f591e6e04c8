package bbr.director;

/** One instance's answer to an SSH setup: where to connect and which host key to expect. */
public record SshHost(String status, String ip, String hostPublicKey, String id, Integer index) {

    /** The instance id bbr uses: the Director's UUID, or the index for old Directors that send none. */
    public String indexOrId() {
        return id != null && !id.isEmpty() ? id : String.valueOf(index);
    }
}
