package io.cqrsshop.bench;

/**
 * The pipeline's metrics at one moment of the pipeline scenario.
 *
 * @param nanos time since the burst started
 */
public record PipelineSample(
    long nanos, double published, double backlog, double applied, double lag) {}
