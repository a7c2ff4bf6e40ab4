package io.cqrsshop.projector.application;

import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import java.util.List;

/** What the projector makes of one delivered payload. */
public sealed interface Interpretation {

  /** Documents to write for the read models this projector builds (possibly none). */
  record Apply(EventEnvelope event, List<DocumentWrite> writes) implements Interpretation {
    public Apply {
      writes = List.copyOf(writes);
    }
  }

  /** Nothing this projector can write: keep the event aside. */
  record Park(ParkedEvent event) implements Interpretation {}
}
