package io.cqrsshop.projector.infrastructure;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.cqrsshop.projector.application.WriteResult;
import java.util.Set;

/**
 * Decides what one item of a bulk response means for its event: written, already superseded, left
 * to a rebuild, worth another try, or refused for good.
 */
public final class BulkItemClassifier {

  /** Error types that describe the cluster's state at the moment, not the document. */
  private static final Set<String> PASSING_ERRORS =
      Set.of(
          "es_rejected_execution_exception",
          "unavailable_shards_exception",
          "no_shard_available_action_exception",
          "circuit_breaking_exception",
          "cluster_block_exception",
          "process_cluster_event_timeout_exception",
          "timeout_exception",
          "node_closed_exception");

  private static final String INDEX_NOT_FOUND = "index_not_found_exception";

  private BulkItemClassifier() {}

  public static WriteResult classify(BulkResponseItem item) {
    ErrorCause error = item.error();
    return classify(
        item.status(),
        error == null ? null : error.type(),
        error == null ? "" : error.type() + ": " + error.reason());
  }

  static WriteResult classify(int status, String errorType, String detail) {
    if (errorType == null && status >= 200 && status < 300) {
      return WriteResult.applied();
    }
    // With external versioning a 409 means the stored version is the same or newer.
    if (status == 409) {
      return WriteResult.stale();
    }
    // The index's live alias is gone (the index was deleted): the rebuild that replaces it reads
    // the whole history, this event included.
    if (INDEX_NOT_FOUND.equals(errorType)) {
      return WriteResult.missingIndex();
    }
    if (status == 429 || status >= 500 || PASSING_ERRORS.contains(errorType)) {
      return WriteResult.retryable(status + " " + detail);
    }
    return WriteResult.permanent(status + " " + detail);
  }
}
