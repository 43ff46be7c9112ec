package io.qiao.testkit;

import java.net.URI;

/**
 * What every vendor simulator of the testkit has in common, so that learning one teaches all four: a lifecycle
 * ({@link #start()}, {@link #stop()}, {@link #close()}, {@link #isRunning()}) and an address ({@link #port()},
 * {@link #endpoint()}). Every simulator listens on 127.0.0.1 only, on a random free port unless its builder was given
 * one, and can be started again after a stop (on a new port if it was random).
 *
 * <p>Each simulator also has a {@code credentials()} accessor returning the values its vendor's client needs (a
 * {@code <Vendor>SimulatorCredentials}); it is not declared here because its type differs per vendor.
 *
 * <pre>{@code
 * try (JushuitanSimulator sim = JushuitanSimulator.create().start()) {
 *     JushuitanClient client = JushuitanClient.builder().endpoint(sim.endpoint())
 *         .appKey(sim.credentials().appKey()).appSecret(Secret.of(sim.credentials().appSecret())).build();
 *     ...
 * }
 * }</pre>
 */
public interface SimulatorServer extends AutoCloseable {

    /** Starts listening, if not already; returns this simulator (each simulator narrows the return type). */
    SimulatorServer start();

    /** Stops listening; does nothing when stopped. State (data, faults, counters) is kept. */
    void stop();

    /** The same as {@link #stop()}, so that a simulator can sit in try-with-resources. */
    @Override
    void close();

    boolean isRunning();

    /**
     * The port it listens on, on 127.0.0.1.
     *
     * @throws IllegalStateException when it is not running
     */
    int port();

    /**
     * The address to give the vendor client's builder, {@code endpoint(...)}, always on 127.0.0.1.
     *
     * @throws IllegalStateException when it is not running
     */
    URI endpoint();
}
