/** Benchmark runner for {@code bench risk} and the synthetic world (rules, watch lists, history, declarations) it uses. */
package org.smartcustoms.risk.bench;
