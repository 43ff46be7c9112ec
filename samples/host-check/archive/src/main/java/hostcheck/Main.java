package hostcheck;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.ArchiveCredentials;
import io.qiao.archive.InvalidArchiveException;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.QiaoException;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import java.time.LocalDate;
import java.util.List;

/**
 * A host that has only qiao-archive-client (no Bean Validation provider): a push of invalid metadata is refused by
 * the DA/T 22 validation before anything is sent, and a query to a port nothing listens on loads the whole call
 * path; a missing class fails with NoClassDefFoundError.
 */
public final class Main {
    public static void main(String[] args) {
        ArchiveClient archive = ArchiveClient.builder()
                .endpoint("http://127.0.0.1:1")
                .credentials(ArchiveCredentials.of("app", Secret.of("app-secret")))
                .retry(RetryOptions.disabled())
                .build();
        ArchiveMetadata invalid = ArchiveMetadata.builder().archiveNo("Z109-WS·2024-Y-BGS-0001").title("会议纪要")
                .docDate("2024-02-30").retentionPeriod("永久").build();
        try {
            archive.archives().push(invalid, List.of());
            throw new AssertionError("invalid metadata was accepted");
        } catch (InvalidArchiveException expected) {
            if (!expected.getMessage().contains("2024-02-30")) {
                throw new AssertionError("the refusal does not name the bad date: " + expected.getMessage());
            }
        }
        try {
            archive.archives().list(ArchiveQuery.on(LocalDate.of(2024, 3, 1))).iterator().hasNext();
            throw new AssertionError("a call to 127.0.0.1:1 answered");
        } catch (QiaoException expected) {
            System.out.println("archive: " + archive + " -> " + expected.getClass().getSimpleName());
        }
    }
}
