package io.qiao.archive;

import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSoapSimulator;
import io.qiao.testkit.archive.SimulatedFile;
import io.qiao.testkit.archive.SimulatedRecord;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * One archive system for the tests that must pass the same over REST and SOAP: the REST simulator, or the SOAP
 * simulator spoken to in SOAP 1.1 or 1.2. Same data model and faults behind each.
 */
public abstract class ArchiveBackend {
    private final String name;

    private ArchiveBackend(String name) {
        this.name = name;
    }

    /** The three, started; close them after the tests. */
    public static List<ArchiveBackend> startAll() {
        return List.of(new Rest(), new Soap(SoapMapping.Version.SOAP_11), new Soap(SoapMapping.Version.SOAP_12));
    }

    public static Stream<ArchiveBackend> stream(List<ArchiveBackend> all) {
        return all.stream();
    }

    /** A client builder with the endpoint, credentials and (for SOAP) the mapping set. */
    public abstract ArchiveClient.Builder clientBuilder();

    public abstract URI endpoint();

    public abstract ArchiveFaults faults();

    public abstract List<SimulatedRecord> records();

    public abstract List<SimulatedFile> files();

    public abstract int requestCount(ArchiveFaults.Operation operation);

    public abstract void reset();

    /** Stops the simulator (not AutoCloseable: JUnit would close a parameter after each invocation). */
    public abstract void close();

    public boolean isSoap() {
        return this instanceof Soap;
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Rest extends ArchiveBackend {
        private final ArchiveSimulator sim = new ArchiveSimulator().start();

        Rest() {
            super("REST");
        }

        @Override
        public ArchiveClient.Builder clientBuilder() {
            return ArchiveClient.builder().endpoint(sim.endpoint())
                    .credentials(ArchiveCredentials.of(sim.appKey(), io.qiao.client.Secret.of(sim.appSecret())));
        }

        @Override
        public URI endpoint() {
            return sim.endpoint();
        }

        @Override
        public ArchiveFaults faults() {
            return sim.faults();
        }

        @Override
        public List<SimulatedRecord> records() {
            return sim.records();
        }

        @Override
        public List<SimulatedFile> files() {
            return sim.files();
        }

        @Override
        public int requestCount(ArchiveFaults.Operation operation) {
            return sim.requestCount(operation);
        }

        @Override
        public void reset() {
            sim.reset();
        }

        @Override
        public void close() {
            sim.stop();
        }
    }

    private static final class Soap extends ArchiveBackend {
        private final ArchiveSoapSimulator sim = new ArchiveSoapSimulator().start();
        private final SoapMapping.Version version;

        Soap(SoapMapping.Version version) {
            super(version == SoapMapping.Version.SOAP_11 ? "SOAP 1.1" : "SOAP 1.2");
            this.version = version;
        }

        @Override
        public ArchiveClient.Builder clientBuilder() {
            return ArchiveClient.builder().endpoint(sim.endpoint())
                    .credentials(ArchiveCredentials.of(sim.credentials().appKey(),
                            io.qiao.client.Secret.of(sim.credentials().appSecret())))
                    .soap(SoapMapping.defaults().toBuilder().version(version).build());
        }

        @Override
        public URI endpoint() {
            return sim.endpoint();
        }

        @Override
        public ArchiveFaults faults() {
            return sim.faults();
        }

        @Override
        public List<SimulatedRecord> records() {
            return sim.records();
        }

        @Override
        public List<SimulatedFile> files() {
            return sim.files();
        }

        @Override
        public int requestCount(ArchiveFaults.Operation operation) {
            return sim.requestCount(operation);
        }

        @Override
        public void reset() {
            sim.reset();
        }

        @Override
        public void close() {
            sim.stop();
        }
    }
}
