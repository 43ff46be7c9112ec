package io.qiao.sync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Each suite fails an implementation with a typical bug, on the test that names the bug, and passes a correct
 * implementation of the same shape: the suites test something, and what they report points at the bug.
 */
class BrokenImplementationsTest {

    /** Runs a suite class as the build would and returns what happened. */
    private static TestExecutionSummary run(Class<?> suite) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(suite)).build(), listener);
        return listener.getSummary();
    }

    private static List<String> failedTests(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName()).toList();
    }

    private static void assertPasses(Class<?> suite) {
        TestExecutionSummary summary = run(suite);
        assertThat(failedTests(summary)).as(suite.getSimpleName() + " failures").isEmpty();
        assertThat(summary.getTestsSucceededCount()).as(suite.getSimpleName() + " tests passed").isPositive();
    }

    @Test
    void checkpointStoreSuite_failsAStoreWithoutVersionCheck() {
        assertThat(failedTests(run(BrokenImplementations.BlindCheckpointStoreSuite.class)))
                .contains("compareAndSet_withStaleVersion_throwsAndKeepsStoredCheckpoint()",
                        "concurrentRunners_fromTheSameVersion_exactlyOneWins()");
        assertPasses(BrokenImplementations.CorrectCheckpointStoreSuite.class);
    }

    @Test
    void deadLetterStoreSuite_failsAStoreThatDuplicatesEntriesOfTheSameKey() {
        assertThat(failedTests(run(BrokenImplementations.DuplicatingDeadLetterStoreSuite.class)))
                .contains("add_sameKeyAgain_updatesTheOpenEntryInsteadOfDuplicating()");
        assertPasses(BrokenImplementations.CorrectDeadLetterStoreSuite.class);
    }

    @Test
    void sourceSuite_failsASourceWhoseEndPositionSkipsARecord() {
        assertThat(failedTests(run(BrokenImplementations.OverreachingSourceSuite.class)))
                .contains("resumingFromAnyWindowsEndPosition_losesNoLaterRecord()");
        assertPasses(BrokenImplementations.CorrectSourceSuite.class);
    }

    @Test
    void sourceSuite_failsASourceThatEndsItsDataWithNull() {
        assertThat(failedTests(run(BrokenImplementations.NullTerminatedSourceSuite.class)))
                .contains("endOfData_isExplicit_neverANullWindowOrRecord()");
    }

    @Test
    void sinkSuite_failsASinkThatIsNotIdempotent() {
        assertThat(failedTests(run(BrokenImplementations.AppendingSinkSuite.class)))
                .contains("writingTheSameBatchTwice_leavesWhatWritingItOnceLeft_andCreatesNothingTheSecondTime()",
                        "aRecordReDeliveredInALaterBatch_endsAsIfEachWereWrittenOnce()");
        assertPasses(BrokenImplementations.CorrectSinkSuite.class);
    }

    @Test
    void lookupSuite_failsALookupThatThrowsOnAMiss() {
        assertThat(failedTests(run(BrokenImplementations.ThrowingLookupSuite.class)))
                .contains("find_anAbsentKey_isEmpty_neverNullNorAnException()");
        assertPasses(BrokenImplementations.CorrectLookupSuite.class);
    }
}
