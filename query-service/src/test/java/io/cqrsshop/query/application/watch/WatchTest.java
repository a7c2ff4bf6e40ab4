package io.cqrsshop.query.application.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.shared.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchTest {

  private record State(String id, long version) {}

  private static final class Client implements WatchSink<State> {
    boolean ready = true;
    final List<State> received = new ArrayList<>();
    final List<Rejection> ended = new ArrayList<>();

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void send(State state) {
      received.add(state);
    }

    @Override
    public void end(Rejection rejection) {
      ended.add(rejection);
    }
  }

  private final Client client = new Client();
  private int sent;
  private final Watch<State> watch =
      started(new Watch<>(client, State::id, State::version, () -> sent++));

  private static <T> Watch<T> started(Watch<T> watch) {
    watch.start();
    return watch;
  }

  @Test
  void beforeTheFirstReadIsDone_nothingIsSent_thenTheNewestOffered() {
    Watch<State> opening = new Watch<>(client, State::id, State::version, () -> {});
    opening.offer(new State("a", 1));
    opening.offer(new State("a", 2));

    assertThat(client.received).isEmpty();

    opening.start();

    assertThat(client.received).containsExactly(new State("a", 2));
  }

  @Test
  void offer_sendsOnlyNewerVersions_neverRepeatsOrGoesBack() {
    watch.offer(new State("a", 1));
    watch.offer(new State("a", 3));
    watch.offer(new State("a", 3));
    watch.offer(new State("a", 2));
    watch.offer(new State("a", 4));

    assertThat(client.received).extracting(State::version).containsExactly(1L, 3L, 4L);
    assertThat(sent).isEqualTo(3);
  }

  @Test
  void slowClient_keepsOnlyTheNewestStatePerDocument_andGetsItWhenReady() {
    client.ready = false;
    for (long version = 1; version <= 1_000; version++) {
      watch.offer(new State("a", version));
      watch.offer(new State("b", version));
    }

    assertThat(client.received).isEmpty();
    assertThat(watch.pendingCount()).isEqualTo(2);

    client.ready = true;
    watch.drain();

    assertThat(client.received).containsExactly(new State("a", 1_000), new State("b", 1_000));
  }

  @Test
  void drain_stopsWhenTheClientIsFull() {
    client.ready = false;
    watch.offer(new State("a", 1));
    watch.offer(new State("b", 1));
    client.ready = true;
    Watch<State> oneAtATime =
        started(
            new Watch<>(
                new WatchSink<>() {
                  @Override
                  public boolean isReady() {
                    return client.received.isEmpty();
                  }

                  @Override
                  public void send(State state) {
                    client.received.add(state);
                  }

                  @Override
                  public void end(Rejection rejection) {}
                },
                State::id,
                State::version,
                () -> {}));
    oneAtATime.offer(new State("a", 1));
    oneAtATime.offer(new State("b", 1));

    assertThat(client.received).containsExactly(new State("a", 1));
    assertThat(oneAtATime.pendingCount()).isEqualTo(1);
  }

  @Test
  void seen_resumesAfterAVersion() {
    watch.seen("a", 5);
    watch.offer(new State("a", 5));
    watch.offer(new State("a", 6));

    assertThat(client.received).containsExactly(new State("a", 6));
  }

  @Test
  void end_endsOnce_andDropsLaterOffers() {
    Rejection rejection = new Rejection.Unavailable("SHUTTING_DOWN", "bye", Map.of());
    watch.end(rejection);
    watch.end(rejection);
    watch.offer(new State("a", 1));

    assertThat(client.ended).containsExactly(rejection);
    assertThat(client.received).isEmpty();
  }
}
