package io.cqrsshop.projector.application;

/** Why an event was parked instead of applied. */
public enum ParkReason {
  /** The payload is not an event envelope at all. */
  UNDECODABLE,
  /** The envelope contradicts itself or lacks what every event has. */
  INVALID_EVENT,
  /**
   * A kind of event this projector does not know, published by a newer command-service. Parked
   * events of this reason are retried automatically, so a newer projector applies them.
   */
  UNKNOWN_EVENT_KIND,
  /** Elasticsearch refused one of its documents for good (it does not fit the mapping). */
  REFUSED_BY_STORE
}
