package bbr.artifact;

import java.io.IOException;

/**
 * The checksums of one artifact as a metadata file lists them: their count and fingerprint, taken while the file
 * was read, and the entries themselves read again from the file when they are needed (to name mismatching files).
 *
 * @param fingerprint the entries' fingerprint
 * @param source      the metadata text
 * @param ordinal     which artifact entry of the file, counted from 0 in file order
 */
record MetadataChecksums(Fingerprint fingerprint, MetadataReader.Source source, int ordinal) implements ChecksumSet {

    @Override
    public void replay(ChecksumSink sink) throws IOException {
        MetadataReader.replay(source, ordinal, sink);
    }
}
