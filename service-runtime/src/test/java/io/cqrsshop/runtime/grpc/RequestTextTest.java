package io.cqrsshop.runtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.BadRequest;
import io.cqrsshop.shared.ClientText;
import io.cqrsshop.shared.Rejection;
import io.cqrsshop.shared.Violations;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestTextTest {

  private static final RequestText RULE =
      new RequestText(
          Set.of(BadRequest.FieldViolation.getDescriptor().findFieldByName("description")));

  @Test
  void check_controlCharactersAnywhere_nameEveryBadFieldByPath() {
    BadRequest request =
        BadRequest.newBuilder()
            .addFieldViolations(field("fine", "line one\nline two\ttabbed"))
            .addFieldViolations(field("nul\u0000", "ok"))
            .addFieldViolations(field("ok", "bell\u0007"))
            .build();

    assertThat(fields(request))
        .containsExactly("field_violations[1].field", "field_violations[2].description");
  }

  @Test
  void check_lineBreakOutsideFreeText_isRefused() {
    assertThat(fields(FieldMask.newBuilder().addPaths("a\nb").build())).containsExactly("paths[0]");
  }

  @Test
  void check_unpairedSurrogateAndOverlongText_areRefused_pairedSurrogatesAreFine() {
    FieldMask mask =
        FieldMask.newBuilder()
            .addPaths("emoji \uD83D\uDE00 fine")
            .addPaths("broken \uD83D")
            .addPaths("x".repeat(ClientText.MAX_LENGTH + 1))
            .addPaths("x".repeat(ClientText.MAX_LENGTH))
            .build();

    assertThat(fields(mask)).containsExactly("paths[1]", "paths[2]");
  }

  @Test
  void check_mapsAndDeepNesting_areWalked() {
    Struct struct =
        Struct.newBuilder()
            .putFields("k", Value.newBuilder().setStringValue("v\u0000").build())
            .build();

    assertThat(fields(struct)).containsExactly("fields[0].value.string_value");
  }

  private static BadRequest.FieldViolation field(String field, String description) {
    return BadRequest.FieldViolation.newBuilder()
        .setField(field)
        .setDescription(description)
        .build();
  }

  private static List<String> fields(com.google.protobuf.Message request) {
    Violations violations = new Violations();
    RULE.check(request, violations);
    return violations
        .rejection()
        .map(r -> r.violations().stream().map(Rejection.FieldViolation::field).toList())
        .orElse(List.of());
  }
}
