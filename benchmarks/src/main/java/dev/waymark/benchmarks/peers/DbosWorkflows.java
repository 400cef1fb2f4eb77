package dev.waymark.benchmarks.peers;

/** The chain and the pipeline as DBOS workflows; called through the proxy DBOS returns. */
public interface DbosWorkflows {
  int chain(int steps);

  int pipeline(int num);
}
