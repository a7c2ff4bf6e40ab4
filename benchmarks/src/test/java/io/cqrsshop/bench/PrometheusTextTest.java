package io.cqrsshop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final PrometheusText TEXT =
      new PrometheusText(
          """
          # HELP relay_events_published_total events published
          # TYPE relay_events_published_total counter
          relay_events_published_total 1234.0
          relay_events_published_total_created 1.7E9
          # TYPE projector_events_applied_total counter
          projector_events_applied_total{application="projector",model="a"} 10.0
          projector_events_applied_total{application="projector",model="b{x}"} 5.0 1700000000000
          relay_backlog_events 0.0
          """);

  @Test
  void sum_unlabelledCounter_isItsValue() {
    assertThat(TEXT.sum("relay_events_published_total")).hasValue(1234.0);
  }

  @Test
  void sum_labelledSeries_addsThemUp() {
    assertThat(TEXT.sum("projector_events_applied_total")).hasValue(15.0);
  }

  @Test
  void sum_missingMetricOrOnlyALongerName_isEmpty() {
    assertThat(TEXT.sum("relay_events")).isEmpty();
    assertThat(TEXT.sum("projector_lag_events")).isEmpty();
  }
}
