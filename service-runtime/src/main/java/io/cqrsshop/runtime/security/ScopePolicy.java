package io.cqrsshop.runtime.security;

import java.util.Map;
import java.util.Optional;

/**
 * Which scope each gRPC service needs. The health service is always open (probes carry no token);
 * server reflection is open, needs the admin scope, or is not served, as configured.
 */
public final class ScopePolicy {

  private static final String HEALTH = "grpc.health.v1.Health";
  private static final String REFLECTION_PREFIX = "grpc.reflection.";

  private final Map<String, String> scopeByService;
  private final String reflection;

  /**
   * @param scopeByService fully qualified service name (e.g. {@code cqrsshop.v1.QueryService}) to
   *     the scope its every method needs
   */
  public ScopePolicy(Map<String, String> scopeByService, String reflection) {
    this.scopeByService = Map.copyOf(scopeByService);
    this.reflection = reflection;
  }

  /** What a call to the service needs. */
  public Requirement requirement(String service) {
    if (service.equals(HEALTH)) {
      return Requirement.anyone();
    }
    if (service.startsWith(REFLECTION_PREFIX)) {
      return switch (reflection) {
        case "open" -> Requirement.anyone();
        case "admin" -> Requirement.withScope(AuthSettings.SCOPE_ADMIN);
        default -> Requirement.nobody();
      };
    }
    return Optional.ofNullable(scopeByService.get(service))
        .map(Requirement::withScope)
        .orElse(Requirement.nobody());
  }

  /** Open to anyone, open to callers with a scope, or to nobody. */
  public record Requirement(boolean open, Optional<String> scope) {
    static Requirement anyone() {
      return new Requirement(true, Optional.empty());
    }

    static Requirement withScope(String scope) {
      return new Requirement(false, Optional.of(scope));
    }

    static Requirement nobody() {
      return new Requirement(false, Optional.empty());
    }
  }
}
