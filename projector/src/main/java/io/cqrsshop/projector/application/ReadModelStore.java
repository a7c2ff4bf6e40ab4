package io.cqrsshop.projector.application;

import io.cqrsshop.projector.projection.DocumentWrite;
import java.util.List;

/** Where the read models live; writes whole documents guarded by their aggregate version. */
public interface ReadModelStore {

  /**
   * Writes the documents into a live index (through its live alias) in one request and reports each
   * one's result, in the order given. A document is only ever replaced by a newer version of
   * itself; a document for an index that is gone reports {@link WriteResult.Kind#MISSING_INDEX}.
   *
   * @throws Exception when the request as a whole failed (store unreachable, timeout); nothing is
   *     known about the individual documents then, so all must be written again
   */
  List<WriteResult> write(String index, List<DocumentWrite> writes) throws Exception;

  /**
   * Writes the documents into one physical index, for a rebuild: a document replaces one of the
   * same or an older version, so that the rebuild's copy wins over anything else of its version.
   */
  List<WriteResult> writeTo(String index, List<DocumentWrite> writes) throws Exception;
}
