package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainHttpTest {

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String body(PlainHttp.Response response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void read_responseWithLength_readsExactlyItsBodyAndKeepsTheConnection() throws IOException {
    InputStream in =
        stream(
            "HTTP/1.1 200 OK\r\nX-elastic-product: Elasticsearch\r\ncontent-length: 7\r\n\r\n"
                + "{\"a\":1}HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\n{}");
    boolean[] keepAlive = new boolean[1];

    PlainHttp.Response first = PlainHttp.read(in, keepAlive);
    PlainHttp.Response second = PlainHttp.read(in, keepAlive);

    assertThat(first.status()).isEqualTo(200);
    assertThat(body(first)).isEqualTo("{\"a\":1}");
    assertThat(second.status()).isEqualTo(404);
    assertThat(body(second)).isEqualTo("{}");
    assertThat(keepAlive[0]).isTrue();
  }

  @Test
  void read_chunkedResponse_joinsTheChunks() throws IOException {
    InputStream in =
        stream(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\n{\"a\"\r\n3;ext=1\r\n:1}\r\n0\r\n\r\n");
    boolean[] keepAlive = new boolean[1];

    assertThat(body(PlainHttp.read(in, keepAlive))).isEqualTo("{\"a\":1}");
    assertThat(keepAlive[0]).isTrue();
  }

  @Test
  void read_connectionCloseOrNoLength_doesNotKeepTheConnection() throws IOException {
    boolean[] keepAlive = new boolean[1];

    PlainHttp.read(
        stream("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"), keepAlive);
    assertThat(keepAlive[0]).isFalse();

    PlainHttp.Response untilEnd =
        PlainHttp.read(stream("HTTP/1.1 200 OK\r\n\r\nall of it"), keepAlive);
    assertThat(body(untilEnd)).isEqualTo("all of it");
    assertThat(keepAlive[0]).isFalse();
  }

  @Test
  void read_truncatedOrForeignAnswer_fails() {
    assertThatThrownBy(
            () ->
                PlainHttp.read(
                    stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), new boolean[1]))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> PlainHttp.read(stream("SSH-2.0-OpenSSH\r\n"), new boolean[1]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an HTTP response");
  }
}
