package io.cartprobe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.TlsConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionShelfTest {

  private static final RunConnections.Variant PLAIN =
      new RunConnections.Variant(TlsConfig.NONE, true);

  private final OkHttpClient base = new OkHttpClient();
  private final ConnectionShelf shelf = new ConnectionShelf(base, base, new TlsClients());
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aFinishedRunsConnectionsServeTheNextRunEmptied() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "sid=1; Path=/")
        .body("one").build());
    server.enqueue(new MockResponse.Builder().body("two").build());
    RunConnections first = shelf.take();
    OkHttpClient client = first.client(PLAIN);
    get(client, "/one");
    assertThat(first.cookies().all()).hasSize(1);

    shelf.giveBack(first);
    RunConnections next = shelf.take();

    assertThat(next).as("reused, not rebuilt").isSameAs(first);
    assertThat(next.client(PLAIN)).as("its client too").isSameAs(client);
    assertThat(next.cookies().all()).isEmpty();
    get(next.client(PLAIN), "/two");
    int one = server.takeRequest().getConnectionIndex();
    assertThat(server.takeRequest().getConnectionIndex()).as("a new connection").isNotEqualTo(one);
  }

  @Test
  void runsAtOnceEachHoldTheirOwn() {
    RunConnections one = shelf.take();
    RunConnections two = shelf.take();
    assertThat(two).isNotSameAs(one);

    shelf.giveBack(one);
    assertThat(shelf.take()).isSameAs(one);
    assertThat(shelf.take()).isNotSameAs(one).isNotSameAs(two);
  }

  @Test
  void connectionsStillInUseAreNeverHandedOn() throws Exception {
    server.enqueue(new MockResponse.Builder().body("held").build());
    RunConnections stuck = shelf.take();
    try (Response open = stuck.client(PLAIN).newCall(
        new Request.Builder().url(server.url("/held")).build()).execute()) {
      shelf.giveBack(stuck); // its request still reads the body

      assertThat(shelf.size()).isZero();
      assertThat(shelf.take()).isNotSameAs(stuck);
    }
  }

  @Test
  void keepsNoMoreThanItsLimit() {
    RunConnections[] held = new RunConnections[ConnectionShelf.LIMIT + 1];
    for (int i = 0; i < held.length; i++) {
      held[i] = shelf.take();
    }
    for (RunConnections connections : held) {
      shelf.giveBack(connections);
    }
    assertThat(shelf.size()).isEqualTo(ConnectionShelf.LIMIT);
  }

  private void get(OkHttpClient client, String path) throws Exception {
    try (Response response = client.newCall(
        new Request.Builder().url(server.url(path)).build()).execute()) {
      response.body().string();
    }
  }
}
