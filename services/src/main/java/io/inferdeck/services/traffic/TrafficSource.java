package io.inferdeck.services.traffic;

import java.io.IOException;
import java.util.OptionalInt;

/** Reads one gateway's request log ({@link TrafficClient} over HTTP; tests give canned pages). Blocking. */
public interface TrafficSource extends AutoCloseable {

    /** The newest {@code limit} requests (empty: as many as the gateway keeps), newest first. */
    TrafficPage fetch(OptionalInt limit) throws IOException, InterruptedException;

    @Override
    void close();
}
