/**
 * The outbox relay: publishes the committed events of the write model's event log to JetStream,
 * with one leader per database. {@code outbox} is its PostgreSQL side (reading and marking events,
 * the leader's lock and session, set-aside events), {@code jetstream} its NATS side (the stream,
 * publishing in rounds), and {@link io.cqrsshop.command.relay.JetStreamEventRelay} the loop that
 * joins them and decides when to lead, step down or set an event aside. Its failure cases, and the
 * tests that prove each, are in {@code docs/design/relay.md}.
 */
package io.cqrsshop.command.relay;
