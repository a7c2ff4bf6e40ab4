package io.cqrsshop.projector.application;

import io.cqrsshop.projector.projection.DocumentWrite;
import java.util.List;

/** Where the read models live; writes whole documents guarded by their aggregate version. */
public interface ReadModelStore {

  /** Makes sure every read model can be written (indices and aliases exist). */
  void prepare() throws Exception;

  /**
   * Writes the documents in one request and reports each one's result, in the order given.
   *
   * @throws Exception when the request as a whole failed (store unreachable, timeout); nothing is
   *     known about the individual documents then, so all must be written again
   */
  List<WriteResult> write(List<DocumentWrite> writes) throws Exception;
}
