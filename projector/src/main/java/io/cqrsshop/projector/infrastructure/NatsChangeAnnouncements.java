package io.cqrsshop.projector.infrastructure;

import io.cqrsshop.projector.application.ChangeAnnouncements;
import io.cqrsshop.projector.projection.DocumentWrite;
import io.cqrsshop.readmodel.ChangeNotice;
import io.cqrsshop.readmodel.OrderDocument;
import io.cqrsshop.readmodel.PhysicalIndex;
import io.cqrsshop.runtime.nats.NatsConnector;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces changed documents as a {@link ChangeNotice} on core NATS: no stream, no
 * acknowledgement, so an announcement costs one small publish and a disconnected projector simply
 * skips it.
 */
public final class NatsChangeAnnouncements implements ChangeAnnouncements {

  private static final Logger log = LoggerFactory.getLogger(NatsChangeAnnouncements.class);

  private final NatsConnector nats;
  private final String subjectPrefix;

  public NatsChangeAnnouncements(NatsConnector nats, String subjectPrefix) {
    this.nats = nats;
    this.subjectPrefix = subjectPrefix;
  }

  @Override
  public void announce(PhysicalIndex index, List<DocumentWrite> writes) {
    if (writes.isEmpty()) {
      return;
    }
    ChangeNotice notice =
        new ChangeNotice(
            index.model(),
            writes.stream()
                .map(
                    write ->
                        new ChangeNotice.Change(
                            write.id(),
                            write.version(),
                            write.document() instanceof OrderDocument order
                                ? order.customerId()
                                : ""))
                .toList());
    try {
      nats.connected().publish(ChangeNotice.subject(subjectPrefix, index.model()), notice.encode());
    } catch (IOException | RuntimeException e) {
      log.debug("change notice for {} not sent: {}", index.name(), e.toString());
    }
  }
}
