package io.qiao.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * Up to a batch of one window's records, with the rejections and skips met while making it: made by a reader,
 * written by the writer.
 */
final class Chunk<I, O> implements Pipe.Item, RecordProcessor.Output<I, O> {
    /** A window as claimed by a reader: its place in claim order and its description (asked once). */
    record WindowRef<I>(long seq, Window<I> window, String describe) {
    }

    final WindowRef<I> window;
    /** The mapped records, for the sink; {@code sources.get(i)} is what {@code records.get(i)} was made from. */
    final List<O> records;
    final List<I> sources;
    final List<RecordProcessor.Rejected<I>> rejected = new ArrayList<>(0);
    int skipped;
    /** Whether this is the window's last chunk (its end position may then be committed). */
    boolean last;
    /** Records of the window delivered up to and including this chunk's, in this attempt. */
    long endIndex;
    /** The window's position after this chunk's last record, or null (see {@link Window#positionAfter}). */
    Position position;

    Chunk(WindowRef<I> window, int capacity) {
        this.window = window;
        this.records = new ArrayList<>(capacity);
        this.sources = new ArrayList<>(capacity);
    }

    /** Source records taken into this chunk, whatever became of them. */
    int size() {
        return records.size() + rejected.size() + skipped;
    }

    @Override
    public void value(I source, O mapped) {
        records.add(mapped);
        sources.add(source);
    }

    @Override
    public void rejected(RecordProcessor.Rejected<I> r) {
        rejected.add(r);
    }

    @Override
    public void skipped(I source) {
        skipped++;
    }

    /**
     * The source record that {@code sinkRecord} was mapped from: the same object first, else an equal one (a sink
     * may report a copy); null when the sink reported a record that is not in this chunk.
     */
    I sourceOf(Object sinkRecord) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) == sinkRecord) {
                return sources.get(i);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).equals(sinkRecord)) {
                return sources.get(i);
            }
        }
        return null;
    }
}
