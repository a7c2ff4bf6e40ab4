package io.cqrsshop.runtime.security;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.cqrsshop.proto.v1.AccessProto;
import io.cqrsshop.proto.v1.AccessRule;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call each RPC, read once at start-up from the contract: every RPC of an API service
 * carries a {@code (cqrsshop.v1.access)} option, and a service with an RPC that has none does not
 * start (deny by default). The health service is always open (probes carry no token); server
 * reflection is open, needs the admin scope, or is not served, as configured.
 */
public final class AccessPolicy {

  /** The scope of a token that acts for one customer, its subject. */
  public static final String CUSTOMER_SCOPE = "cqrsshop.customer";

  private static final String HEALTH = "grpc.health.v1.Health/";
  private static final String REFLECTION_PREFIX = "grpc.reflection.";

  private final Map<String, AccessRule> rules;
  private final String reflection;

  /**
   * @param rules by full method name, dotted ({@code package.Service.Method})
   */
  AccessPolicy(Map<String, AccessRule> rules, String reflection) {
    this.rules = Map.copyOf(rules);
    this.reflection = reflection;
  }

  /**
   * The rules of every method of the services.
   *
   * @throws IllegalStateException naming every RPC without a rule
   */
  public static AccessPolicy of(List<ServerServiceDefinition> services, String reflection) {
    Map<String, AccessRule> rules = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (ServerServiceDefinition service : services) {
      for (MethodDescriptor method : methods(service)) {
        if (method.getOptions().hasExtension(AccessProto.access)) {
          rules.put(method.getFullName(), method.getOptions().getExtension(AccessProto.access));
        } else {
          missing.add(method.getFullName());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "RPCs without an access rule (option (cqrsshop.v1.access) in the .proto), refused by"
              + " default: "
              + missing);
    }
    return new AccessPolicy(rules, reflection);
  }

  private static List<MethodDescriptor> methods(ServerServiceDefinition service) {
    Object schema = service.getServiceDescriptor().getSchemaDescriptor();
    if (!(schema instanceof ProtoServiceDescriptorSupplier supplier)) {
      throw new IllegalStateException(
          service.getServiceDescriptor().getName() + " is not a protobuf service");
    }
    ServiceDescriptor descriptor = supplier.getServiceDescriptor();
    return descriptor.getMethods();
  }

  /** What a call to the method ({@code package.Service/Method}) needs. */
  public Requirement requirement(String fullMethodName) {
    if (fullMethodName.startsWith(HEALTH)) {
      return Requirement.anyone();
    }
    if (fullMethodName.startsWith(REFLECTION_PREFIX)) {
      return switch (reflection) {
        case "open" -> Requirement.anyone();
        case "admin" ->
            Requirement.rule(AccessRule.newBuilder().setScope(AuthSettings.SCOPE_ADMIN).build());
        default -> Requirement.nobody();
      };
    }
    return Optional.ofNullable(rules.get(fullMethodName.replace('/', '.')))
        .map(Requirement::rule)
        .orElse(Requirement.nobody());
  }

  /** Open to anyone, open to callers the rule admits, or to nobody. */
  public record Requirement(boolean open, Optional<AccessRule> rule) {
    static Requirement anyone() {
      return new Requirement(true, Optional.empty());
    }

    static Requirement rule(AccessRule rule) {
      return new Requirement(false, Optional.of(rule));
    }

    static Requirement nobody() {
      return new Requirement(false, Optional.empty());
    }
  }
}
