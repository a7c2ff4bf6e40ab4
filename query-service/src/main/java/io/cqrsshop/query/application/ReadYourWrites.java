package io.cqrsshop.query.application;

import io.cqrsshop.readmodel.ReadModel;
import io.cqrsshop.runtime.limits.SlotsPerKey;
import io.cqrsshop.shared.AggregateVersion;
import io.cqrsshop.shared.Outcome;
import io.cqrsshop.shared.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a query back until the read model it reads reflects the caller's writes, polling with a
 * short backoff for as long as the caller's deadline and the server's cap allow.
 *
 * <p>Elasticsearch shows a write to a GET by id and to a search at different times, so "reflects"
 * follows one of two visibility rules, chosen by how the query reads:
 *
 * <ul>
 *   <li>{@link Visibility#LOOKUP}, for GetProduct, GetUser and GetOrder, which answer with a
 *       real-time GET by id: a real-time multi-get of the written ids returns every one at its
 *       version or later. A write passes as soon as the projector has indexed it, without waiting
 *       for a refresh.
 *   <li>{@link Visibility#SEARCH}, for everything that searches, lists or aggregates
 *       (SearchProducts, FindUserByEmail, ListUsers, ListCustomerOrders, GetSalesSummary,
 *       GetTopProducts): a count of the written ids at their version or later finds them all. A
 *       count is a search, so it sees what the query run next will see: writes after the next index
 *       refresh (about a second by default).
 * </ul>
 *
 * <p>Only writes to the aggregate types that feed the read model count: a user token passed to a
 * product search imposes no wait. The history is fed by every aggregate, so any token counts there.
 *
 * <p>Consistency tokens are not signed, so a caller can name versions that will never be written
 * and keep each such call polling Elasticsearch until its budget ends. Each caller may therefore
 * have only so many calls waiting at once; past that a call is RESOURCE_EXHAUSTED ({@value
 * #TOO_MANY_CONSISTENCY_WAITS}) at once, without a look at the read model. A call takes its place
 * only once a first look found the writes missing, so calls whose tokens are already satisfied (the
 * usual case) are never refused.
 */
public final class ReadYourWrites {

  /** The reason in the ErrorInfo of a call that gave up waiting. */
  public static final String PROJECTION_BEHIND = "PROJECTION_BEHIND";

  /** The reason in the ErrorInfo of a call refused because its caller has too many waiting. */
  public static final String TOO_MANY_CONSISTENCY_WAITS = "TOO_MANY_CONSISTENCY_WAITS";

  private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
  private static final Duration FIRST_DELAY = Duration.ofMillis(10);
  private static final Duration MAX_DELAY = Duration.ofMillis(100);
  private static final ExecutorService LOOKS = Executors.newVirtualThreadPerTaskExecutor();

  private final ProjectionProgress progress;
  private final Duration maxWait;
  private final SlotsPerKey waitsPerCaller;
  private final MeterRegistry registry;
  private final Tracer tracer;

  /**
   * @param maxWait the server's cap on any wait, whatever the caller's deadline
   * @param waitsPerCaller calls of one caller that may wait at once
   */
  public ReadYourWrites(
      ProjectionProgress progress, Duration maxWait, int waitsPerCaller, MeterRegistry registry) {
    this(progress, maxWait, waitsPerCaller, registry, OpenTelemetry.noop().getTracer("none"));
  }

  /** With the wait as a span of its own, its looks at the read model as children. */
  public ReadYourWrites(
      ProjectionProgress progress,
      Duration maxWait,
      int waitsPerCaller,
      MeterRegistry registry,
      Tracer tracer) {
    this.progress = progress;
    this.maxWait = maxWait;
    this.waitsPerCaller = new SlotsPerKey(waitsPerCaller);
    this.registry = registry;
    this.tracer = tracer;
    Gauge.builder("query.consistency.waiting", this.waitsPerCaller, SlotsPerKey::total)
        .description("Calls waiting now for their read model to catch up, over every caller")
        .register(registry);
    // Registered up front, so that dashboards and alerts see a 0 rather than no series.
    for (ReadModel model : ReadModel.values()) {
      for (String limit : new String[] {"deadline", "cap"}) {
        timeouts(model, limit);
      }
      refusals(model);
    }
  }

  /**
   * Succeeds with the model once its reads of the given kind see the caller's writes; rejected when
   * the wait ran out.
   */
  public Outcome<ReadModel> await(
      ReadModel model, Visibility visibility, ReadConsistency consistency) {
    List<AggregateVersion> writes = consistency.writesTo(model.sources());
    if (writes.isEmpty()) {
      return Outcome.success(model);
    }
    return waitFor(
            model,
            visibility,
            writes,
            consistency,
            () -> progress.hasCaughtUp(model, visibility, writes))
        .map(caughtUp -> model);
  }

  /**
   * Reads one document of a model keyed by aggregate once it reflects the caller's writes. When the
   * tokens name no other document, the document's own version tells: one real-time read by id
   * answers a call whose tokens are already satisfied, and a wait repeats only that read. Tokens
   * for other documents are first awaited as {@link #await} does for {@link Visibility#LOOKUP}.
   *
   * @param find the real-time read of the document by id
   * @param versionOf the aggregate version a document reflects
   */
  public <T> Outcome<Optional<T>> lookUp(
      ReadModel model,
      String id,
      ReadConsistency consistency,
      Supplier<Optional<T>> find,
      ToLongFunction<T> versionOf) {
    List<AggregateVersion> writes = consistency.writesTo(model.sources());
    if (writes.stream().anyMatch(write -> !write.id().toString().equals(id))) {
      return await(model, Visibility.LOOKUP, consistency).map(ready -> find.get());
    }
    if (writes.isEmpty()) {
      return Outcome.success(find.get());
    }
    long version = writes.stream().mapToLong(AggregateVersion::version).max().orElseThrow();
    AtomicReference<Optional<T>> found = new AtomicReference<>(Optional.empty());
    return waitFor(
            model,
            Visibility.LOOKUP,
            writes,
            consistency,
            () -> {
              found.set(find.get());
              return found
                  .get()
                  .filter(document -> versionOf.applyAsLong(document) >= version)
                  .isPresent();
            })
        .map(caughtUp -> found.get());
  }

  /** How a wait ended. */
  private enum Waited {
    CAUGHT_UP,
    BEHIND,
    REFUSED
  }

  /**
   * Polls until caught up, timing the wait; rejected when the wait ran out, or at once when the
   * caller has too many calls waiting.
   */
  private Outcome<Boolean> waitFor(
      ReadModel model,
      Visibility visibility,
      List<AggregateVersion> writes,
      ReadConsistency consistency,
      Supplier<Boolean> hasCaughtUp) {
    boolean callerLimits =
        consistency.callerBudget().map(budget -> budget.compareTo(maxWait) < 0).orElse(false);
    Duration budget = callerLimits ? consistency.callerBudget().orElseThrow() : maxWait;

    Timer.Sample sample = Timer.start(registry);
    Waited waited = tracedPoll(model, writes, budget, consistency.caller(), hasCaughtUp);
    if (waited == Waited.REFUSED) {
      refusals(model).increment();
      return Outcome.rejected(tooManyWaits(model));
    }
    boolean caughtUp = waited == Waited.CAUGHT_UP;
    sample.stop(
        Timer.builder("query.consistency.wait")
            .description("Time calls with consistency tokens waited for their read model")
            .tag("read_model", model.baseName())
            .tag("visibility", visibility.name().toLowerCase(Locale.ROOT))
            .tag("outcome", caughtUp ? "caught_up" : "behind")
            .register(registry));
    if (caughtUp) {
      return Outcome.success(true);
    }
    String limit = callerLimits ? "deadline" : "cap";
    timeouts(model, limit).increment();
    log.info(
        "read model {} has not caught up with {} write(s) after {} ms (limit: {})",
        model.baseName(),
        writes.size(),
        budget.toMillis(),
        limit);
    return Outcome.rejected(behind(model, writes, budget, callerLimits));
  }

  private Counter timeouts(ReadModel model, String limit) {
    return Counter.builder("query.consistency.timeouts")
        .description("Calls that gave up waiting for their read model to catch up")
        .tag("read_model", model.baseName())
        .tag("limit", limit)
        .register(registry);
  }

  private Counter refusals(ReadModel model) {
    return Counter.builder("query.consistency.refused")
        .description("Calls refused because their caller had too many calls waiting already")
        .tag("read_model", model.baseName())
        .register(registry);
  }

  private Waited tracedPoll(
      ReadModel model,
      List<AggregateVersion> writes,
      Duration budget,
      String caller,
      Supplier<Boolean> hasCaughtUp) {
    Span span =
        tracer
            .spanBuilder("consistency wait")
            .setAttribute("cqrsshop.read_model", model.baseName())
            .setAttribute("cqrsshop.awaited_writes", (long) writes.size())
            .setAttribute("cqrsshop.budget_ms", budget.toMillis())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Waited waited = pollInTurn(budget, caller, hasCaughtUp);
      span.setAttribute("cqrsshop.caught_up", waited == Waited.CAUGHT_UP);
      span.setAttribute("cqrsshop.refused", waited == Waited.REFUSED);
      return waited;
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.toString());
      throw e;
    } finally {
      span.end();
    }
  }

  /**
   * One look first, which answers calls whose tokens are already satisfied without counting them;
   * only a call that has to wait takes one of its caller's places, for as long as it waits.
   */
  private Waited pollInTurn(Duration budget, String caller, Supplier<Boolean> hasCaughtUp) {
    long deadline = System.nanoTime() + budget.toNanos();
    // Looked at even with no time left: a call whose writes are already there is answered.
    if (budget.isPositive() ? look(hasCaughtUp, deadline) : hasCaughtUp.get()) {
      return Waited.CAUGHT_UP;
    }
    if (deadline - System.nanoTime() <= FIRST_DELAY.toNanos()) {
      // Too short to wait at all: the one look was the answer.
      return Waited.BEHIND;
    }
    Optional<SlotsPerKey.Slot> slot = waitsPerCaller.tryTake(caller);
    if (slot.isEmpty()) {
      return Waited.REFUSED;
    }
    try (SlotsPerKey.Slot waiting = slot.get()) {
      return poll(deadline, hasCaughtUp) ? Waited.CAUGHT_UP : Waited.BEHIND;
    }
  }

  /** Looks again after a growing pause, until caught up or the deadline (System.nanoTime()). */
  private static boolean poll(long deadline, Supplier<Boolean> hasCaughtUp) {
    long pause = FIRST_DELAY.toNanos();
    while (true) {
      long sleep = Math.min(pause, deadline - System.nanoTime());
      if (sleep <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (look(hasCaughtUp, deadline)) {
        return true;
      }
      pause = Math.min(pause * 2, MAX_DELAY.toNanos());
    }
  }

  /**
   * One look at the read model, given up (false) when it has not answered by the deadline: a look
   * slowed down by a loaded Elasticsearch must not carry the answer past the time the caller was
   * promised, or the caller's own deadline wins the race and it learns nothing of why. An outage
   * propagates at once. The look runs on a thread of its own, in the current trace.
   */
  private static boolean look(Supplier<Boolean> hasCaughtUp, long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    Future<Boolean> look = LOOKS.submit(Context.current().wrap(hasCaughtUp::get));
    try {
      return look.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // Its answer is no longer wanted; it ends on its own, its connection kept.
      look.cancel(false);
      return false;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      look.cancel(false);
      return false;
    }
  }

  private Rejection tooManyWaits(ReadModel model) {
    int limit = waitsPerCaller.limit();
    return new Rejection.ResourceExhausted(
        TOO_MANY_CONSISTENCY_WAITS,
        "this caller has "
            + limit
            + " calls waiting for consistency tokens already; retry once some have answered",
        Map.of("read_model", model.baseName(), "limit", Integer.toString(limit)));
  }

  private static Rejection behind(
      ReadModel model, List<AggregateVersion> writes, Duration waited, boolean callerLimits) {
    String message =
        "the "
            + model.baseName()
            + " read model has not caught up with the writes of the consistency tokens after "
            + waited.toMillis()
            + " ms";
    Map<String, String> metadata =
        Map.of("read_model", model.baseName(), "awaited_writes", Integer.toString(writes.size()));
    return callerLimits
        ? new Rejection.DeadlineExceeded(PROJECTION_BEHIND, message, metadata)
        : new Rejection.Unavailable(PROJECTION_BEHIND, message, metadata);
  }
}
