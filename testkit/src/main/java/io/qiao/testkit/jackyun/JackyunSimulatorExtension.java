package io.qiao.testkit.jackyun;

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
 * Runs a {@link JackyunSimulator} for a JUnit 5 test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder());
 * }</pre>
 *
 * As a static field the simulator starts once for the class; as an instance field, once per test. Faults,
 * counters and recent requests are reset before each test. Test methods may also take a
 * {@link JackyunSimulator} parameter.
 */
public final class JackyunSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final JackyunSimulator simulator;
    private boolean perClass;

    public JackyunSimulatorExtension() {
        this(JackyunSimulator.builder());
    }

    public JackyunSimulatorExtension(JackyunSimulator.Builder builder) {
        this.simulator = Objects.requireNonNull(builder, "builder").build();
    }

    /** With the builder adjusted (data set, credentials, clock) before the simulator is built. */
    public JackyunSimulatorExtension(Consumer<JackyunSimulator.Builder> configuration) {
        JackyunSimulator.Builder b = JackyunSimulator.builder();
        Objects.requireNonNull(configuration, "configuration").accept(b);
        this.simulator = b.build();
    }

    public JackyunSimulator simulator() {
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        simulator.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.start();
        simulator.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            simulator.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == JackyunSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator;
    }
}
