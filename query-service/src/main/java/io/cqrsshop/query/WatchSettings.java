package io.cqrsshop.query;

import io.cqrsshop.readmodel.ChangeNotice;
import io.cqrsshop.runtime.config.EnvReader;
import io.cqrsshop.runtime.nats.NatsCredentials;
import java.time.Duration;

/**
 * How query-service serves watches (live queries): where it hears of changes, how often it
 * re-checks every watched document anyway, and how many watches one client may hold.
 *
 * @param natsUrl the NATS server(s) on which projectors announce changed documents
 * @param changesSubjectPrefix the announcements' subject prefix (the projectors' {@code
 *     PROJECTOR_CHANGES_SUBJECT_PREFIX})
 * @param recheckInterval how often every watched document is re-read, in case an announcement was
 *     lost
 * @param maxPerCaller open watches of one caller over all its connections
 * @param maxPerConnection open watches on one connection
 */
public record WatchSettings(
    String natsUrl,
    NatsCredentials natsCredentials,
    String changesSubjectPrefix,
    Duration recheckInterval,
    int maxPerCaller,
    int maxPerConnection) {

  static WatchSettings read(EnvReader env) {
    WatchSettings settings =
        new WatchSettings(
            env.natsUrl("NATS_URL", "nats://127.0.0.1:4222"),
            NatsCredentials.read(env),
            env.subjectPrefix("CHANGES_SUBJECT_PREFIX", ChangeNotice.DEFAULT_SUBJECT_PREFIX),
            env.duration("WATCH_RECHECK_INTERVAL", Duration.ofSeconds(30)),
            env.integer("MAX_WATCHES_PER_CALLER", 1_000, 1, 1_000_000),
            env.integer("MAX_WATCHES_PER_CONNECTION", 50, 1, 1_000_000));
    if (settings.recheckInterval().compareTo(Duration.ofSeconds(1)) < 0) {
      env.problem(env.prefix() + "WATCH_RECHECK_INTERVAL must be at least 1s");
    }
    return settings;
  }
}
