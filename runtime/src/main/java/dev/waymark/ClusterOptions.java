package dev.waymark;

import java.util.List;
import java.util.Objects;

/**
 * How a JVM takes part in a Waymark cluster: the cluster's {@code name}, the {@code host} and first
 * {@code port} its member listens on (the next ones are tried when that one is taken), the
 * addresses of the {@code members} it looks for ({@code host:port}), how many {@code backups} of
 * every record other members keep, and the {@code quorum}: the fewest members that still accept
 * writes, so that the smaller side of a network partition accepts none. An {@code observer} holds
 * no records and drives no workflow ({@link #asObserver}). With {@code spreadSteps} (the default),
 * a member whose step slots are all taken has other members run independent steps of the workflows
 * it drives ({@link #withoutSpreadingSteps}).
 */
public record ClusterOptions(
    String name,
    String host,
    int port,
    List<String> members,
    int backups,
    int quorum,
    boolean observer,
    boolean spreadSteps) {

  /** A member that holds records, drives workflows and spreads their steps. */
  public ClusterOptions(
      String name, String host, int port, List<String> members, int backups, int quorum) {
    this(name, host, port, members, backups, quorum, false, true);
  }

  public ClusterOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    members = List.copyOf(members);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must name at least one member's address");
    }
    if (backups < 1) {
      throw new IllegalArgumentException("backups must be at least 1, got " + backups);
    }
    if (quorum < 1 || quorum > members.size()) {
      throw new IllegalArgumentException(
          "quorum must be 1-" + members.size() + " (the members named), got " + quorum);
    }
  }

  /**
   * These options for an observer: a member that holds no records and drives no workflow, so that
   * its coming and going moves nothing. It has the whole API, for every workflow of the cluster
   * (what it runs is sent to the members that drive it): the {@code waymark} command and its status
   * page join as one.
   */
  public ClusterOptions asObserver() {
    return new ClusterOptions(name, host, port, members, backups, quorum, true, spreadSteps);
  }

  /**
   * These options for a member that runs every step of the workflows it drives itself. It still
   * runs steps that other members spread to it, when it has a slot free.
   */
  public ClusterOptions withoutSpreadingSteps() {
    return new ClusterOptions(name, host, port, members, backups, quorum, observer, false);
  }

  /**
   * {@code size} members on this machine's loopback, from {@code port} on, with one backup and a
   * quorum of a majority.
   */
  public static ClusterOptions loopback(String name, int port, int size) {
    List<String> members =
        java.util.stream.IntStream.range(0, size).mapToObj(i -> "127.0.0.1:" + (port + i)).toList();
    return new ClusterOptions(name, "127.0.0.1", port, members, 1, size / 2 + 1);
  }
}
