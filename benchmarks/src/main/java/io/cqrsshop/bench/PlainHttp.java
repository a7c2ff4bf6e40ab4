package io.cqrsshop.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal blocking HTTP/1.1 client with keep-alive connections, one per concurrent caller, for
 * the raw Elasticsearch baselines. The JDK's HttpClient costs the harness several times the CPU of
 * a gRPC call per request, and on a machine whose CPUs the harness shares with Elasticsearch that
 * would hold the baseline down; this one costs little more than the socket calls.
 */
final class PlainHttp implements AutoCloseable {

  /** One answer: its status and its whole body. */
  record Response(int status, byte[] body) {}

  private final String host;
  private final int port;
  private final Duration timeout;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  PlainHttp(URI base, Duration timeout) {
    if (!"http".equals(base.getScheme())) {
      throw new IllegalArgumentException("only http:// is supported, not " + base);
    }
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
    this.timeout = timeout;
  }

  /** Sends one request on an idle connection (or a new one) and reads the whole answer. */
  Response send(String method, String path, String contentType, byte[] body, String accept)
      throws IOException {
    Connection connection = idle.poll();
    boolean reused = connection != null;
    if (connection == null) {
      connection = new Connection(host, port, timeout);
    }
    try {
      Response response = connection.exchange(request(method, path, contentType, body, accept));
      if (connection.reusable) {
        idle.add(connection);
      } else {
        connection.close();
      }
      return response;
    } catch (IOException e) {
      connection.close();
      if (reused) {
        // The server may have closed an idle connection; one retry on a fresh one.
        return send(method, path, contentType, body, accept);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    Connection connection;
    while ((connection = idle.poll()) != null) {
      connection.close();
    }
  }

  private byte[] request(
      String method, String path, String contentType, byte[] body, String accept) {
    StringBuilder head =
        new StringBuilder(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(host)
            .append(':')
            .append(port)
            .append("\r\nAccept: ")
            .append(accept)
            .append("\r\n");
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ");
      head.append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (body == null) {
      return headBytes;
    }
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /** Reads one response (status line, headers, body by length or in chunks) from a stream. */
  static Response read(InputStream in, boolean[] keepAlive) throws IOException {
    String status = line(in);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    boolean close = parts[0].equals("HTTP/1.0");
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        default -> {
          // Not needed to read the body.
        }
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
        all.write(exactly(in, size));
        line(in);
      }
      // Trailers, up to the empty line.
      while (!line(in).isEmpty()) {
        // Skipped.
      }
      body = all.toByteArray();
    } else if (length >= 0) {
      body = exactly(in, length);
    } else {
      body = in.readAllBytes();
      close = true;
    }
    keepAlive[0] = !close;
    return new Response(code, body);
  }

  private static long chunkSize(String line) {
    int extension = line.indexOf(';');
    return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
  }

  private static byte[] exactly(InputStream in, long length) throws IOException {
    byte[] bytes = in.readNBytes(Math.toIntExact(length));
    if (bytes.length != length) {
      throw new EOFException(
          "connection closed after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed mid-response");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** One kept-alive connection, used by one caller at a time. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    boolean reusable = true;

    Connection(String host, int port, Duration timeout) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) Duration.ofSeconds(2).toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    Response exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      boolean[] keepAlive = new boolean[1];
      Response response = read(in, keepAlive);
      reusable = keepAlive[0];
      return response;
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a connection we no longer use.
      }
    }
  }
}
