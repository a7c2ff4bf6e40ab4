package io.cqrsshop.command.domain.user;

import static io.cqrsshop.command.domain.Outcomes.reason;
import static io.cqrsshop.command.domain.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsshop.command.domain.ExpectedVersion;
import io.cqrsshop.command.domain.Fixtures;
import org.junit.jupiter.api.Test;

class UserTest {

  @Test
  void create_newUser_hasItsAddressAsOnlyHistoryEntry() {
    User user = Fixtures.user();

    assertThat(user.version()).isEqualTo(1);
    assertThat(user.emailHistory())
        .containsExactly(new EmailChange(new Email("ada@example.com"), Fixtures.T0));
  }

  @Test
  void changeEmail_liveUser_appendsToHistoryOldestFirst() {
    User user = Fixtures.user();

    UserEvent.EmailChanged event =
        success(
            user.changeEmail(ExpectedVersion.of(1), new Email("ada@lovelace.org"), Fixtures.T1));

    assertThat(event.oldEmail()).isEqualTo(new Email("ada@example.com"));
    assertThat(event.user().email()).isEqualTo(new Email("ada@lovelace.org"));
    assertThat(event.user().emailHistory())
        .extracting(EmailChange::email)
        .containsExactly(new Email("ada@example.com"), new Email("ada@lovelace.org"));
    assertThat(event.user().version()).isEqualTo(2);
  }

  @Test
  void rename_liveUser_keepsOldAndNewName() {
    UserEvent.Renamed event =
        success(Fixtures.user().rename(ExpectedVersion.any(), "Countess", Fixtures.T1));

    assertThat(event.oldName()).isEqualTo("Ada");
    assertThat(event.newName()).isEqualTo("Countess");
  }

  @Test
  void anyCommand_deletedUser_isNotFound() {
    User deleted = success(Fixtures.user().delete(ExpectedVersion.any(), Fixtures.T1)).user();

    assertThat(deleted.deleted()).isTrue();
    assertThat(deleted.canOrder()).isFalse();
    assertThat(reason(deleted.rename(ExpectedVersion.any(), "x", Fixtures.T1)))
        .isEqualTo("USER_NOT_FOUND");
    assertThat(reason(deleted.delete(ExpectedVersion.any(), Fixtures.T1)))
        .isEqualTo("USER_NOT_FOUND");
    assertThat(reason(deleted.changeEmail(ExpectedVersion.any(), new Email("a@b.cd"), Fixtures.T1)))
        .isEqualTo("USER_NOT_FOUND");
  }

  @Test
  void delete_wrongExpectedVersion_isAVersionConflict() {
    assertThat(reason(Fixtures.user().delete(ExpectedVersion.of(2), Fixtures.T1)))
        .isEqualTo("VERSION_CONFLICT");
  }

  @Test
  void normalized_mixedCase_isLowerCase() {
    assertThat(new Email("Ada.L@Example.COM").normalized()).isEqualTo("ada.l@example.com");
  }
}
