package io.qiao.archive.sync;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One document set taken from a {@link FileDropSource}'s inbound directory: its name (the {@code <name>.json} it was
 * dropped as, normally its 档号) and the directory it was claimed into, which holds the metadata file, the
 * attachments and the marker. Plain strings, so that a dead letter keeps it as readable JSON.
 *
 * @param name      the set's name: {@code <name>.json}, {@code <name>.done}
 * @param directory where the set is while it is processed ({@code <inbound_dir>/.claimed/<name>})
 */
public record DroppedSet(String name, String directory) {
    public DroppedSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
    }

    /** The set's metadata file. */
    public Path metadataFile() {
        return Path.of(directory).resolve(name + FileDropSource.METADATA_SUFFIX);
    }
}
