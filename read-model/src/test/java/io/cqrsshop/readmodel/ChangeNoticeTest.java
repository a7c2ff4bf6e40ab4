package io.cqrsshop.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeNoticeTest {

  private static final String PREFIX = ChangeNotice.DEFAULT_SUBJECT_PREFIX;

  @Test
  void roundTrips_withAndWithoutOwner() {
    ChangeNotice notice =
        new ChangeNotice(
            ReadModel.ORDERS,
            List.of(
                new ChangeNotice.Change("o-1", 3, "c-1"), new ChangeNotice.Change("o-2", 1, "")));

    assertThat(
            ChangeNotice.decode(
                PREFIX, ChangeNotice.subject(PREFIX, ReadModel.ORDERS), notice.encode()))
        .contains(notice);
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    byte[] body = "p-1:2\n".getBytes(StandardCharsets.UTF_8);
    assertThat(ChangeNotice.decode(PREFIX, "other.products", body)).isEmpty();
    assertThat(ChangeNotice.decode(PREFIX, PREFIX + ".nosuchmodel", body)).isEmpty();
    assertThat(
            ChangeNotice.decode(
                PREFIX, PREFIX + ".products", "p-1:x\n".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(
            ChangeNotice.decode(
                PREFIX, PREFIX + ".products", "p-1:1:a:b\n".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }
}
