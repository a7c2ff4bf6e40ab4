package io.cqrsshop.admin;

import com.google.protobuf.util.JsonFormat;
import io.cqrsshop.projector.application.ParkReason;
import io.cqrsshop.projector.application.ParkedEvent;
import io.cqrsshop.projector.application.ParkedEvents;
import io.cqrsshop.projector.application.ReplayingParkedEvents;
import io.cqrsshop.proto.events.v1.EventEnvelope;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code admin parked ...}: list, show, replay or discard the events the projector parked. */
@Command(
    name = "parked",
    mixinStandardHelpOptions = true,
    description = "Events the projector could not apply: list, show, replay after a fix, discard.",
    subcommands = {
      ParkedCommand.ListParked.class,
      ParkedCommand.Show.class,
      ParkedCommand.Replay.class,
      ParkedCommand.Discard.class
    })
final class ParkedCommand implements Callable<Integer> {

  private final AdminContext context;

  ParkedCommand(AdminContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    return new ListParked(context).call();
  }

  /** Lists parked events, oldest id first. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists parked events.")
  static final class ListParked implements Callable<Integer> {

    private final AdminContext context;

    @Option(names = "--reason", description = "only this reason: ${COMPLETION-CANDIDATES}")
    private ParkReason reason;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "at most this many (${DEFAULT-VALUE})")
    private int limit;

    ListParked(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      List<ParkedEvent> events =
          context.parked().list(Optional.ofNullable(reason), ParkedEvents.Cursor.START, limit);
      PrintWriter out = context.out();
      out.printf(
          "%-38s %-19s %-8s %-38s %-24s %-25s %s%n",
          "ID", "REASON", "TYPE", "AGGREGATE", "EVENT", "PARKED AT", "DETAIL");
      for (ParkedEvent event : events) {
        out.printf(
            "%-38s %-19s %-8s %-38s %-24s %-25s %s%n",
            event.id(),
            event.reason(),
            event.aggregateType(),
            event.aggregateId()
                + (event.aggregateVersion() > 0 ? "@" + event.aggregateVersion() : ""),
            event.eventType(),
            event.parkedAt(),
            shorten(event.detail(), 100));
      }
      out.printf("%d shown, %,d parked in all%n", events.size(), context.parked().count());
      return ExitCodes.OK;
    }
  }

  /** Shows one parked event whole, its payload decoded where it can be. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one parked event.")
  static final class Show implements Callable<Integer> {

    private final AdminContext context;

    @Parameters(index = "0", paramLabel = "ID")
    private String id;

    Show(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      ParkedEvent event = find(context, id);
      PrintWriter out = context.out();
      out.println("id:          " + event.id());
      out.println("reason:      " + event.reason());
      out.println("detail:      " + event.detail());
      out.println(
          "aggregate:   "
              + event.aggregateType()
              + " "
              + event.aggregateId()
              + " v"
              + event.aggregateVersion());
      out.println("event type:  " + event.eventType());
      out.println("stream:      " + event.subject() + " #" + event.streamSequence());
      out.println("parked at:   " + event.parkedAt() + " (attempts: " + event.attempts() + ")");
      try {
        out.println(JsonFormat.printer().print(EventEnvelope.parseFrom(event.payload())));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        out.println("payload (" + event.payload().length + " bytes) is not an EventEnvelope");
      }
      return ExitCodes.OK;
    }
  }

  /** Replays parked events, after the cause was fixed. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = "Applies parked events again; those that apply now leave the parked events.")
  static final class Replay implements Callable<Integer> {

    private final AdminContext context;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "the events to replay")
    private List<String> ids = List.of();

    @Option(names = "--all", description = "replay every parked event (of --reason, if given)")
    private boolean all;

    @Option(names = "--reason", description = "with --all: only this reason")
    private ParkReason reason;

    Replay(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      if (all == !ids.isEmpty()) {
        throw new IllegalArgumentException("name the events to replay, or pass --all");
      }
      ReplayingParkedEvents replaying = context.replaying();
      if (all) {
        ReplayingParkedEvents.Summary summary =
            replaying.replayAll(Optional.ofNullable(reason), Integer.MAX_VALUE);
        context
            .out()
            .printf("applied %d, still parked %d%n", summary.applied(), summary.stillParked());
        return summary.stillParked() == 0 ? ExitCodes.OK : ExitCodes.PROBLEM;
      }
      int stillParked = 0;
      for (String id : ids) {
        ReplayingParkedEvents.Replay replay = replaying.replay(find(context, id));
        context
            .out()
            .println(
                id + ": " + (replay.applied() ? "applied" : "still parked, " + replay.detail()));
        stillParked += replay.applied() ? 0 : 1;
      }
      return stillParked == 0 ? ExitCodes.OK : ExitCodes.PROBLEM;
    }
  }

  /** Discards a parked event for good, with the operator's reason in the log. */
  @Command(
      name = "discard",
      mixinStandardHelpOptions = true,
      description = "Removes a parked event without applying it; says why in the log.")
  static final class Discard implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Discard.class);

    private final AdminContext context;

    @Parameters(index = "0", paramLabel = "ID")
    private String id;

    @Option(names = "--why", required = true, description = "why it may be dropped (logged)")
    private String why;

    Discard(AdminContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      ParkedEvent event = find(context, id);
      context.parked().remove(id);
      log.warn(
          "discarded parked event {} ({} {} v{}, {}: {}) because: {}",
          event.id(),
          event.aggregateType(),
          event.aggregateId(),
          event.aggregateVersion(),
          event.reason(),
          event.detail(),
          why);
      context.out().println("discarded " + id);
      return ExitCodes.OK;
    }
  }

  private static ParkedEvent find(AdminContext context, String id) throws Exception {
    return context
        .parked()
        .get(id)
        .orElseThrow(() -> new IllegalArgumentException("no parked event " + id));
  }

  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
