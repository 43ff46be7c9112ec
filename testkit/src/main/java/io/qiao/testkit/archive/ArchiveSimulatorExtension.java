package io.qiao.testkit.archive;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs an {@link ArchiveSimulator} for a test class: started before the first test, {@linkplain ArchiveSimulator#reset()
 * reset} before each test (records, tokens, counters and faults forgotten), stopped after the last. Registered on an
 * instance field, it sees no class callbacks and runs one simulator per test instead, stopped after that test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();
 *
 * @Test void pushes() { ... archive.simulator().endpoint() ... }
 * }</pre>
 *
 * With {@code @ExtendWith(ArchiveSimulatorExtension.class)}, test methods receive the simulator as a parameter.
 */
public final class ArchiveSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final ArchiveSimulator simulator;
    private boolean perClass;

    public ArchiveSimulatorExtension() {
        this(new ArchiveSimulator());
    }

    /** Runs a simulator configured by the caller ({@link ArchiveSimulator#builder()}). */
    public ArchiveSimulatorExtension(ArchiveSimulator simulator) {
        this.simulator = simulator;
    }

    /** With the builder adjusted (credentials, token lifetime, page size) before the simulator is built. */
    public ArchiveSimulatorExtension(Consumer<ArchiveSimulator.Builder> configuration) {
        ArchiveSimulator.Builder b = ArchiveSimulator.builder();
        Objects.requireNonNull(configuration, "configuration").accept(b);
        this.simulator = b.build();
    }

    public ArchiveSimulator simulator() {
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        simulator.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.start();
        simulator.reset();
    }

    /** Registered on an instance field, the extension sees no class callbacks: it then lives for one test. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            simulator.stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.stop();
        perClass = false;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == ArchiveSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return simulator;
    }
}
