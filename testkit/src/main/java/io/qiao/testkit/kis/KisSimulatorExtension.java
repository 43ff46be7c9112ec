package io.qiao.testkit.kis;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one {@link KisSimulator} for a test class: started before the first test, stopped after the last, and
 * {@linkplain KisSimulator#reset() reset} before each test (bills, tokens, faults and counters; the material
 * catalogue stays). Register it on a static field, or with {@code @ExtendWith} and take the simulator as a
 * test-method parameter. Registered on an instance field, it runs one simulator per test instead.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KisSimulatorExtension KIS = new KisSimulatorExtension(b -> b.tokenTtl(Duration.ofMinutes(30)));
 *
 * @Test void creates(KisSimulator kis) { ... }     // or KIS.simulator()
 * }</pre>
 */
public final class KisSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final Consumer<KisSimulator.Builder> configuration;
    private KisSimulator simulator;
    private boolean perClass;

    public KisSimulatorExtension() {
        this(b -> { });
    }

    /** With the builder adjusted (clock, credentials, token lifetime) before the simulator starts. */
    public KisSimulatorExtension(Consumer<KisSimulator.Builder> configuration) {
        this.configuration = configuration;
    }

    /** The running simulator; available from the first {@code @BeforeEach} (or {@code @BeforeAll}) on. */
    public KisSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the KIS simulator is not started yet (register the extension on a "
                    + "static field or use @ExtendWith, and use it from @BeforeAll/@BeforeEach on)");
        }
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        ensureStarted();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ensureStarted();
        simulator.reset();
    }

    /** Registered on an instance field, the extension sees no class callbacks: it then lives for one test. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        perClass = false;
    }

    private synchronized void stop() {
        if (simulator != null) {
            simulator.stop();
            simulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KisSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ensureStarted();
        return simulator;
    }

    private synchronized void ensureStarted() {
        if (simulator == null) {
            KisSimulator.Builder b = KisSimulator.builder();
            configuration.accept(b);
            simulator = b.start();
        }
    }
}
