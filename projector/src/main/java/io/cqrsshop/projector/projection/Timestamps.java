package io.cqrsshop.projector.projection;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Converts protobuf timestamps for documents; an unset one becomes an absent field. */
final class Timestamps {

  private Timestamps() {}

  static Instant instant(boolean present, Timestamp timestamp) {
    return present ? Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()) : null;
  }
}
