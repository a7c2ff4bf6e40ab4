package io.cqrsshop.projector.application.rebuild;

import io.cqrsshop.projector.application.EventSource;

/** One rebuild's reader of the event stream; it remembers what was acknowledged. */
public interface EventStreamReader extends EventSource {

  /** Events not yet acknowledged: those still to deliver and those delivered but unsettled. */
  long backlog() throws Exception;

  /** The stream position up to which every event of this reader is acknowledged. */
  long acknowledgedUpTo() throws Exception;
}
