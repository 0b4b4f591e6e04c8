package bbr.artifact.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How a backup stores its files, as its flags chose: plain (the original's format), compressed, encrypted, or both.
 * The workflows hold one and never ask which it is; {@link StoredStreams} composes it with the other stages.
 */
public interface Encoding {

    /** The original's plain files. */
    Encoding PLAIN = new Encoding() {
        @Override
        public String name() {
            return "";
        }

        @Override
        public String suffix() {
            return "";
        }

        @Override
        public OutputStream encode(OutputStream stored) {
            return stored;
        }

        @Override
        public Encoding forManifest() {
            return this;
        }
    };

    /** As metadata records it ({@code zstd}, {@code age}, {@code zstd+age}); empty for plain files. */
    String name();

    /** What the encoding adds to a file's name ({@code .zst}, {@code .age}, {@code .zst.age}). */
    String suffix();

    /** Wraps the stored bytes' stream; closing the result finishes the encoding and closes {@code stored}. */
    OutputStream encode(OutputStream stored) throws IOException;

    /** The manifest is small text: encrypted when the artifacts are, never compressed. */
    Encoding forManifest();

    default boolean isPlain() {
        return name().isEmpty();
    }
}
