package bbr.artifact;

import java.io.IOException;

/** Receives the checksum of one file as it is found: the raw bytes of its tar name and 64 lower-case hex digits. */
@FunctionalInterface
public interface ChecksumSink {

    void accept(byte[] name, byte[] sha256Hex) throws IOException;
}
