package io.cqrsshop.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsshop.bench.proc.CpuMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The projector's raw baseline: the product documents the events of a burst produced, written by
 * the harness with plain {@code _bulk} requests shaped like the projector's (index operations
 * through an alias, {@code require_alias}, external versions, one request per batch, one at a time)
 * into a scratch index with the live index's settings and mappings, deleted afterwards. The set is
 * written again, at higher versions, until the measurement has run for {@link
 * JetStreamBaseline#AT_LEAST}: CPU time is counted in 10 ms ticks.
 */
final class BulkBaseline {

  /** Index settings that belong to one index and cannot be given to a new one. */
  private static final List<String> NOT_COPIED =
      List.of("uuid", "creation_date", "provided_name", "version", "history");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Added to every version per repetition, so that each write is newer than the last. */
  private static final long VERSIONS_PER_ROUND = 1_000_000_000L;

  private final RawElasticsearch elasticsearch;
  private final String liveAlias;
  private final String scratchAlias;
  private final int bulkSize;

  BulkBaseline(BenchOptions options, RunNames names) {
    this.elasticsearch = new RawElasticsearch(options.elasticsearch());
    this.liveAlias = options.indexPrefix() + "products";
    this.scratchAlias = "scratch-" + names.run() + "-products";
    this.bulkSize = options.bulkSize();
  }

  /** Writes one document per event, measured from the first bulk request to the last answer. */
  Measured write(List<LoggedEvent> events, CpuMeter meter) {
    Map<String, ObjectNode> documents = currentDocuments(events);
    String index = scratchAlias + "_v1";
    elasticsearch.send(
        new ElasticsearchRequests.Request("PUT", "/" + index, Optional.of(scratchIndex())));
    try {
      long written = 0;
      long building = 0;
      CpuMeter.Reading start = meter.read();
      long began = System.nanoTime();
      for (int round = 0;
          written == 0
              || System.nanoTime() - began - building < JetStreamBaseline.AT_LEAST.toNanos();
          round++) {
        // Built outside the clock: the projector's own work of building documents is not raw.
        long buildStart = System.nanoTime();
        List<String> bodies = bulkBodies(events, documents, round * VERSIONS_PER_ROUND);
        building += System.nanoTime() - buildStart;
        for (String body : bodies) {
          String answer = elasticsearch.sendNdjson("/_bulk?require_alias=true", body);
          if (!answer.substring(0, Math.min(answer.length(), 200)).contains("\"errors\":false")) {
            throw new HarnessException(
                "a raw _bulk reported errors: "
                    + answer.substring(0, Math.min(answer.length(), 500)));
          }
        }
        written += events.size();
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - began - building);
      return new Measured(written, elapsed, meter.since(start));
    } finally {
      try {
        elasticsearch.send(
            new ElasticsearchRequests.Request("DELETE", "/" + index, Optional.empty()));
      } finally {
        elasticsearch.close();
      }
    }
  }

  int batches(int events) {
    return (events + bulkSize - 1) / bulkSize;
  }

  /** The live index's settings and mappings, under the scratch index's own alias. */
  private String scratchIndex() {
    JsonNode settings =
        only(parse(send("/" + liveAlias + "/_settings"))).path("settings").path("index");
    JsonNode mappings = only(parse(send("/" + liveAlias + "/_mapping"))).path("mappings");
    ObjectNode index = settings.deepCopy();
    NOT_COPIED.forEach(index::remove);
    ObjectNode body = JSON.createObjectNode();
    body.putObject("settings").set("index", index);
    body.set("mappings", mappings);
    body.putObject("aliases").putObject(scratchAlias);
    return body.toString();
  }

  /** The product documents as the projector left them, by id. */
  private Map<String, ObjectNode> currentDocuments(List<LoggedEvent> events) {
    Set<String> ids = new LinkedHashSet<>();
    events.forEach(e -> ids.add(e.aggregateId()));
    ObjectNode request = JSON.createObjectNode();
    ids.forEach(request.putArray("ids")::add);
    JsonNode answer =
        parse(
            elasticsearch.send(
                new ElasticsearchRequests.Request(
                    "POST", "/" + liveAlias + "/_mget", Optional.of(request.toString()))));
    Map<String, ObjectNode> documents = new HashMap<>();
    for (JsonNode doc : answer.path("docs")) {
      if (doc.path("found").asBoolean(false)) {
        documents.put(doc.path("_id").asText(), (ObjectNode) doc.path("_source"));
      }
    }
    if (documents.size() != ids.size()) {
      throw new HarnessException(
          "only "
              + documents.size()
              + " of the burst's "
              + ids.size()
              + " products are in "
              + liveAlias);
    }
    return documents;
  }

  /**
   * One index operation per event, at the event's version plus {@code offset}, in batches of the
   * projector's size.
   */
  private List<String> bulkBodies(
      List<LoggedEvent> events, Map<String, ObjectNode> documents, long offset) {
    List<String> bodies = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int inBody = 0;
    for (LoggedEvent event : events) {
      ObjectNode action = JSON.createObjectNode();
      action
          .putObject("index")
          .put("_id", event.aggregateId())
          .put("_index", scratchAlias)
          .put("version", event.aggregateVersion() + offset)
          .put("version_type", "external");
      ObjectNode document = documents.get(event.aggregateId()).deepCopy();
      document.put("version", event.aggregateVersion() + offset);
      body.append(action).append('\n').append(document).append('\n');
      if (++inBody == bulkSize) {
        bodies.add(body.toString());
        body.setLength(0);
        inBody = 0;
      }
    }
    if (inBody > 0) {
      bodies.add(body.toString());
    }
    return bodies;
  }

  private String send(String path) {
    return elasticsearch.send(new ElasticsearchRequests.Request("GET", path, Optional.empty()));
  }

  private static JsonNode only(JsonNode byIndex) {
    if (byIndex.size() != 1) {
      throw new HarnessException("expected one index behind the alias, found " + byIndex.size());
    }
    return byIndex.elements().next();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new HarnessException("Elasticsearch answered something that is not JSON", e);
    }
  }
}
