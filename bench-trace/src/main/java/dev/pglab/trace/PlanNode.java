package dev.pglab.trace;

/**
 * One plan node with its planned and actual rows, as a STAT line shows it. Nodes are numbered depth first from 1;
 * {@code parent} is 0 for the top node.
 *
 * @param operation  e.g. {@code Index Scan using t_pkey on t}
 * @param actualRows rows per loop, as EXPLAIN reports them
 */
public record PlanNode(int id, int parent, int depth, String nodeType, String operation, double planRows,
                       double actualRows, long loops, long sharedHit, long sharedRead, long sharedDirtied,
                       long sharedWritten, long tempRead, long tempWritten) {
}
