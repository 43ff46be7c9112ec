package io.qiao.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorExtension;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Issue 15: the four JUnit extensions have one shape: {@code new XxxSimulatorExtension()}, {@code new
 * XxxSimulatorExtension(builder -> ...)}, {@code simulator()}, the simulator as a test-method parameter, one simulator
 * per class on a static field and one per test (stopped after it) on an instance field.
 */
class SimulatorExtensionsTest {
    /** The simulators the inner test classes saw, to check their state once those classes have run. */
    static final List<SimulatorServer> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void everyExtension_hasTheSameConstructorsAndAccessor() throws Exception {
        List<Class<?>> extensions = List.of(JackyunSimulatorExtension.class, JushuitanSimulatorExtension.class,
                KisSimulatorExtension.class, ArchiveSimulatorExtension.class);
        for (Class<?> ext : extensions) {
            assertThat(ext.getConstructor()).as(ext.getSimpleName() + "()").isNotNull();
            assertThat(ext.getConstructor(Consumer.class)).as(ext.getSimpleName() + "(Consumer)").isNotNull();
            Method simulator = ext.getMethod("simulator");
            assertThat(SimulatorServer.class.isAssignableFrom(simulator.getReturnType()))
                    .as(ext.getSimpleName() + ".simulator() returns a SimulatorServer").isTrue();
        }
    }

    @Test
    void registeredOnAnInstanceField_everyExtensionStopsItsSimulatorAfterEachTest() {
        for (Class<?> perTest : List.of(JackyunPerTest.class, JushuitanPerTest.class, KisPerTest.class,
                ArchivePerTest.class)) {
            SEEN.clear();
            TestExecutionSummary summary = run(perTest);
            assertThat(summary.getTestsSucceededCount()).as(perTest.getSimpleName() + " " + failures(summary))
                    .isEqualTo(2);
            assertThat(SEEN).as(perTest.getSimpleName()).hasSize(2);
            assertThat(SEEN).as(perTest.getSimpleName() + ": one simulator per test, stopped after it")
                    .allSatisfy(s -> assertThat(s.isRunning()).as(s.toString()).isFalse());
        }
    }

    @Test
    void registeredOnAStaticField_everyExtensionRunsOneSimulatorForTheClass_andStopsItAfterTheLast() {
        for (Class<?> perClass : List.of(JackyunPerClass.class, JushuitanPerClass.class, KisPerClass.class,
                ArchivePerClass.class)) {
            SEEN.clear();
            TestExecutionSummary summary = run(perClass);
            assertThat(summary.getTestsSucceededCount()).as(perClass.getSimpleName() + " " + failures(summary))
                    .isEqualTo(2);
            assertThat(SEEN).as(perClass.getSimpleName()).hasSize(2);
            assertThat(SEEN.get(0)).as(perClass.getSimpleName() + ": one simulator for the class").isSameAs(SEEN.get(1));
            assertThat(SEEN.get(0).isRunning()).as(perClass.getSimpleName() + ": stopped after the class").isFalse();
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> String.valueOf(f.getException())).toList().toString();
    }

    /** Records the simulator a test sees and checks it is running then; two tests per class. */
    private static void see(SimulatorServer sim) {
        assertThat(sim.isRunning()).as(sim + " during the test").isTrue();
        SEEN.add(sim);
    }

    static class JackyunPerTest {
        @RegisterExtension
        final JackyunSimulatorExtension ext = new JackyunSimulatorExtension(b -> b.appKey("k"));

        @Test void one(JackyunSimulator sim) { assertThat(sim).isSameAs(ext.simulator()); see(sim); }
        @Test void two() { see(ext.simulator()); }
    }

    static class JushuitanPerTest {
        @RegisterExtension
        final JushuitanSimulatorExtension ext = new JushuitanSimulatorExtension(b -> b.documents(10));

        @Test void one(JushuitanSimulator sim) { assertThat(sim).isSameAs(ext.simulator()); see(sim); }
        @Test void two() { see(ext.simulator()); }
    }

    static class KisPerTest {
        @RegisterExtension
        final KisSimulatorExtension ext = new KisSimulatorExtension(b -> b.appKey("k"));

        @Test void one(KisSimulator sim) { assertThat(sim).isSameAs(ext.simulator()); see(sim); }
        @Test void two() { see(ext.simulator()); }
    }

    static class ArchivePerTest {
        @RegisterExtension
        final ArchiveSimulatorExtension ext = new ArchiveSimulatorExtension(b -> b.maxPageSize(50));

        @Test void one(ArchiveSimulator sim) { assertThat(sim).isSameAs(ext.simulator()); see(sim); }
        @Test void two() { see(ext.simulator()); }
    }

    static class JackyunPerClass {
        @RegisterExtension
        static final JackyunSimulatorExtension EXT = new JackyunSimulatorExtension();

        @Test void one(JackyunSimulator sim) { see(sim); }
        @Test void two() { see(EXT.simulator()); }
    }

    static class JushuitanPerClass {
        @RegisterExtension
        static final JushuitanSimulatorExtension EXT = new JushuitanSimulatorExtension();

        @Test void one(JushuitanSimulator sim) { see(sim); }
        @Test void two() { see(EXT.simulator()); }
    }

    static class KisPerClass {
        @RegisterExtension
        static final KisSimulatorExtension EXT = new KisSimulatorExtension();

        @Test void one(KisSimulator sim) { see(sim); }
        @Test void two() { see(EXT.simulator()); }
    }

    static class ArchivePerClass {
        @RegisterExtension
        static final ArchiveSimulatorExtension EXT = new ArchiveSimulatorExtension();

        @Test void one(ArchiveSimulator sim) { see(sim); }
        @Test void two() { see(EXT.simulator()); }
    }
}
