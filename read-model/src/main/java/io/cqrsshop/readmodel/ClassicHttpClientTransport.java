package io.cqrsshop.readmodel;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.util.BinaryData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * The Elasticsearch client's HTTP layer on Apache HttpClient 5's classic, blocking API: the calling
 * thread writes the request and reads the response on a pooled keep-alive connection itself.
 *
 * <p>Why not the client's default RestClient: it runs every request on an I/O reactor thread and
 * hands the response back to the caller through a monitor, so each call costs two thread hand-offs
 * and, with many callers, a contended lock (a third of query-service's CPU in a profile). A
 * blocking read parks a virtual thread cheaply, which is how query-service calls. Every status is
 * handed to the Elasticsearch client, which turns errors into {@code ElasticsearchException}s
 * itself.
 */
final class ClassicHttpClientTransport implements TransportHttpClient {

  /** The client sends two or three content types; parsed once each. */
  private static final Map<String, ContentType> CONTENT_TYPES = new ConcurrentHashMap<>();

  private final CloseableHttpClient client;
  private final HttpHost host;
  private final Node node;
  private final String basePath;

  /**
   * @param basePath the URL's path, prefixed to every request ("" for none)
   */
  ClassicHttpClientTransport(CloseableHttpClient client, HttpHost host, String basePath) {
    this.client = client;
    this.host = host;
    this.basePath =
        basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    this.node = new Node(host.toURI() + this.basePath);
  }

  @Override
  public Response performRequest(
      String endpointId, Node ignored, Request request, TransportOptions options)
      throws IOException {
    BasicClassicHttpRequest http =
        new BasicClassicHttpRequest(request.method(), host, target(request, options));
    request.headers().forEach(http::setHeader);
    if (options != null) {
      // Per-request options win over the client's standard headers.
      options.headers().forEach(header -> http.setHeader(header.getKey(), header.getValue()));
    }
    if (request.body() != null) {
      String type = request.headers().get("Content-Type");
      http.setEntity(
          new ByteArrayEntity(
              concatenate(request.body()),
              type == null
                  ? ContentType.APPLICATION_JSON
                  : CONTENT_TYPES.computeIfAbsent(type, ContentType::parse)));
    }
    return new HttpResponse(client.executeOpen(host, http, null), node);
  }

  /** Runs the blocking call on the caller's thread; nothing here calls it. */
  @Override
  public CompletableFuture<Response> performRequestAsync(
      String endpointId, Node node, Request request, TransportOptions options) {
    try {
      return CompletableFuture.completedFuture(performRequest(endpointId, node, request, options));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }

  private String target(Request request, TransportOptions options) {
    StringBuilder target = new StringBuilder(basePath).append(request.path());
    char separator = '?';
    for (Map<String, String> params :
        options == null
            ? List.of(request.queryParams())
            : List.of(request.queryParams(), options.queryParameters())) {
      for (Map.Entry<String, String> param : params.entrySet()) {
        target
            .append(separator)
            .append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return target.toString();
  }

  private static byte[] concatenate(Iterable<ByteBuffer> buffers) {
    List<ByteBuffer> parts = new ArrayList<>();
    int size = 0;
    for (ByteBuffer buffer : buffers) {
      parts.add(buffer.duplicate());
      size += buffer.remaining();
    }
    byte[] bytes = new byte[size];
    int at = 0;
    for (ByteBuffer part : parts) {
      int length = part.remaining();
      part.get(bytes, at, length);
      at += length;
    }
    return bytes;
  }

  /**
   * A response whose body streams from the connection. Closing it reads what is left, which hands
   * the connection back to the pool for the next request.
   */
  private record HttpResponse(ClassicHttpResponse response, Node node) implements Response {

    @Override
    public int statusCode() {
      return response.getCode();
    }

    @Override
    public String header(String name) {
      Header header = response.getFirstHeader(name);
      return header == null ? null : header.getValue();
    }

    @Override
    public List<String> headers(String name) {
      List<String> values = new ArrayList<>();
      for (Header header : response.getHeaders(name)) {
        values.add(header.getValue());
      }
      return values;
    }

    @Override
    public BinaryData body() {
      HttpEntity entity = response.getEntity();
      return entity == null ? null : new EntityData(entity);
    }

    @Override
    public Object originalResponse() {
      return response;
    }

    @Override
    public void close() throws IOException {
      try {
        EntityUtils.consume(response.getEntity());
      } finally {
        response.close();
      }
    }
  }

  /** A response body as the Elasticsearch client reads it. */
  private record EntityData(HttpEntity entity) implements BinaryData {

    @Override
    public String contentType() {
      String type = entity.getContentType();
      return type == null ? "application/octet-stream" : type;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      entity.writeTo(out);
    }

    @Override
    public ByteBuffer asByteBuffer() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      entity.writeTo(out);
      return ByteBuffer.wrap(out.toByteArray());
    }

    @Override
    public InputStream asInputStream() throws IOException {
      return entity.getContent();
    }

    @Override
    public boolean isRepeatable() {
      return entity.isRepeatable();
    }

    @Override
    public long size() {
      long length = entity.getContentLength();
      return length < 0 ? -1 : length;
    }
  }
}
