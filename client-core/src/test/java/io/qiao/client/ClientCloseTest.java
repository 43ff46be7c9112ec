package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What closing a client's settings closes: what they created, never the caller's transport (issue 15). */
class ClientCloseTest {
    private static final Request REQUEST = Request.get(URI.create("http://127.0.0.1:1/x")).operation("x").build();

    /** A caller's transport that counts closes and answers 200. */
    static final class OwnTransport implements HttpTransport, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger sends = new AtomicInteger();

        @Override
        public Response send(Request request) {
            sends.incrementAndGet();
            return new Response(request, 200, java.util.Map.of(), new byte[0]);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void close_withTheCallersTransport_leavesItOpenAndRefusesFurtherCalls() {
        OwnTransport own = new OwnTransport();
        ClientSettings settings = new ClientBuilderTest.TestBuilder(new AtomicInteger()).transport(own).build();
        HttpPipeline pipeline = settings.pipeline().build();
        pipeline.execute(REQUEST);

        settings.close();
        settings.close();

        assertThat(own.closes).hasValue(0);
        assertThat(settings.isClosed()).isTrue();
        assertThatThrownBy(() -> pipeline.execute(REQUEST)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this client is closed; build a new one to call x");
        assertThat(own.sends).hasValue(1);
        // Still usable by whoever else shares it.
        own.send(REQUEST);
        assertThat(own.sends).hasValue(2);
    }

    @Test
    void close_ofTheDefaultTransport_closesItOnce() {
        ClientSettings settings = new ClientBuilderTest.TestBuilder(new AtomicInteger()).build();
        HttpTransport created = settings.transport();
        assertThat(created).isInstanceOf(JdkHttpTransport.class);

        settings.close();
        settings.close();

        assertThatThrownBy(() -> created.send(REQUEST)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this JdkHttpTransport is closed; build a new one to call x");
    }

    @Test
    void close_ofAJdkHttpTransportOnTheCallersHttpClient_leavesTheHttpClientAlone() throws Exception {
        HttpClient callers = HttpClient.newHttpClient();
        JdkHttpTransport transport = JdkHttpTransport.builder().httpClient(callers).build();

        transport.close();
        transport.close();

        // On Java 21+ a closed HttpClient reports isTerminated(); on 17 there is nothing to close. Either way the
        // caller's client must still be open: it is reflected on so that this test compiles for Java 17.
        if (hasIsTerminated()) {
            assertThat((Boolean) HttpClient.class.getMethod("isTerminated").invoke(callers)).isFalse();
        }
        assertThatThrownBy(() -> transport.send(REQUEST)).isInstanceOf(IllegalStateException.class);
    }

    private static boolean hasIsTerminated() {
        try {
            HttpClient.class.getMethod("isTerminated");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void close_ofOneOfTwoClientsSharingTheDefaultTransport_leavesItOpen_andTheLastClosesIt() {
        ClientSettings parent = new ClientBuilderTest.TestBuilder(new AtomicInteger()).build();
        ClientSettings derived = new ClientBuilderTest.TestBuilder(new AtomicInteger()).derive(parent).build();
        HttpTransport shared = parent.transport();
        assertThat(derived.transport()).isSameAs(shared);

        parent.close();
        parent.close(); // idempotent: does not count as the derived client letting go

        assertThat(sendRefusal(shared)).as("still open for the derived client").isNull();
        derived.close();
        assertThat(sendRefusal(shared)).hasMessage("this JdkHttpTransport is closed; build a new one to call x");
    }

    @Test
    void aClientDerivedAfterEverySharerClosed_getsANewTransport() {
        ClientSettings parent = new ClientBuilderTest.TestBuilder(new AtomicInteger()).build();
        ClientBuilderTest.TestBuilder derivedBuilder = new ClientBuilderTest.TestBuilder(new AtomicInteger())
                .derive(parent);
        parent.close();

        ClientSettings late = derivedBuilder.build();

        assertThat(late.transport()).isNotSameAs(parent.transport());
        assertThat(sendRefusal(late.transport())).isNull();
        late.close();
    }

    @Test
    void close_ofEveryClientDerivedFromOneOnTheCallersTransport_neverClosesIt() {
        OwnTransport own = new OwnTransport();
        ClientSettings parent = new ClientBuilderTest.TestBuilder(new AtomicInteger()).transport(own).build();
        ClientSettings derived = new ClientBuilderTest.TestBuilder(new AtomicInteger()).derive(parent).build();
        assertThat(derived.transport()).isSameAs(own);

        parent.close();
        derived.pipeline().build().execute(REQUEST);
        derived.close();

        assertThat(own.closes).hasValue(0);
        assertThat(own.sends).hasValue(1);
    }

    /**
     * The refusal of a closed transport, or null when it is open. An open transport is asked for an address nothing
     * listens on, so that it fails with a TransportException instead.
     */
    private static IllegalStateException sendRefusal(HttpTransport transport) {
        try {
            transport.send(REQUEST);
            return null;
        } catch (IllegalStateException e) {
            return e;
        } catch (TransportException e) {
            return null;
        }
    }
}
