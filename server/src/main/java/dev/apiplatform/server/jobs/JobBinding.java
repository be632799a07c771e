package dev.apiplatform.server.jobs;

import dev.apiplatform.server.queue.QueueDeclaration;

/**
 * What a resource group gives the worker runtime: its queue, the handler of that queue's
 * messages and how many run at once. The group declares the same {@code queue} for its producers.
 */
public record JobBinding(QueueDeclaration queue, JobHandler handler, int concurrency) {}
