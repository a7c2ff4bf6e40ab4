package io.cqrsshop.projector.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.cqrsshop.projector.application.WriteResult.Kind;
import org.junit.jupiter.api.Test;

class BulkItemClassifierTest {

  @Test
  void classify_createdOrUpdated_isApplied() {
    assertThat(BulkItemClassifier.classify(item(201, null)).kind()).isEqualTo(Kind.APPLIED);
    assertThat(BulkItemClassifier.classify(item(200, null)).kind()).isEqualTo(Kind.APPLIED);
  }

  @Test
  void classify_versionConflict_isStale() {
    var result = BulkItemClassifier.classify(item(409, "version_conflict_engine_exception"));

    assertThat(result.kind()).isEqualTo(Kind.STALE);
  }

  @Test
  void classify_overloadOrServerError_isRetryable() {
    assertThat(BulkItemClassifier.classify(item(429, "es_rejected_execution_exception")).kind())
        .isEqualTo(Kind.RETRYABLE);
    assertThat(BulkItemClassifier.classify(item(503, "unavailable_shards_exception")).kind())
        .isEqualTo(Kind.RETRYABLE);
    assertThat(BulkItemClassifier.classify(item(500, "some_new_exception")).kind())
        .isEqualTo(Kind.RETRYABLE);
  }

  @Test
  void classify_passingErrorWithClientStatus_isRetryable() {
    assertThat(BulkItemClassifier.classify(item(403, "cluster_block_exception")).kind())
        .isEqualTo(Kind.RETRYABLE);
  }

  @Test
  void classify_mappingError_isPermanentAndSaysWhy() {
    var result = BulkItemClassifier.classify(item(400, "strict_dynamic_mapping_exception"));

    assertThat(result.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(result.detail()).contains("400", "strict_dynamic_mapping_exception", "reason");
  }

  @Test
  void classify_aliasMissing_isLeftToTheRebuild() {
    assertThat(BulkItemClassifier.classify(item(404, "index_not_found_exception")).kind())
        .isEqualTo(Kind.MISSING_INDEX);
  }

  private static BulkResponseItem item(int status, String errorType) {
    return BulkResponseItem.of(
        item -> {
          item.operationType(OperationType.Index).index("products_v1").id("id").status(status);
          if (errorType != null) {
            item.error(error -> error.type(errorType).reason("the reason"));
          }
          return item;
        });
  }
}
